package se.kaa.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the installation keeps its files and how the embedded database starts.
 *
 * @param dataDir       directory for the embedded database and other local data ({@code KAA_DATA_DIR})
 * @param databasePort  fixed port for the embedded database, 0 for any free port
 * @param cleanDatabase start from an empty database every time (tests only)
 * @param demoData      fill an empty database with the demo municipality ({@code KAA_DEMO_DATA});
 *                      defaults to true with the embedded database, false otherwise
 */
@ConfigurationProperties("kaa.platform")
public record PlatformProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("0") int databasePort,
        @DefaultValue("false") boolean cleanDatabase,
        Boolean demoData) {
}
