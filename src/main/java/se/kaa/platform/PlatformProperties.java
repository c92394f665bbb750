package se.kaa.platform;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The installation: where it keeps its files, which municipalities it serves, and demo data.
 *
 * @param dataDir        directory for the embedded database and other local data ({@code KAA_DATA_DIR})
 * @param municipalities kommunkoder served ({@code KAA_MUNICIPALITIES}, comma-separated); empty means
 *                       only the demo municipality 9999, which requires demo data
 * @param demoData       fill an empty database with the demo municipality ({@code KAA_DEMO_DATA});
 *                       {@code null} means true with the embedded database, false otherwise
 * @param databasePort   fixed port for the embedded database, 0 for any free port
 * @param cleanDatabase  start the embedded database empty every time, without fsync and synchronous
 *                       commit (tests only)
 * @param databasePoolSize connections of the application's pool to the database ({@code KAA_DATABASE_POOL_SIZE});
 *                       the embedded PostgreSQL allows this many plus a few for commands and administrators
 */
@ConfigurationProperties("kaa.platform")
public record PlatformProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue List<String> municipalities,
        Boolean demoData,
        @DefaultValue("0") int databasePort,
        @DefaultValue("false") boolean cleanDatabase,
        @DefaultValue("10") int databasePoolSize) {
}
