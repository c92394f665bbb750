package se.kaa.platform.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import se.kaa.platform.PlatformProperties;

/**
 * The database commands of {@code java -jar kaa.jar}, run instead of the application (no web server,
 * no schedulers, no demo data, no first administrator): a Spring context without beans reads the
 * same configuration (application.yml, environment variables, arguments) and the command does the rest.
 * <ul>
 *   <li>{@code --kaa.backup=FILE}: a consistent backup ({@link Backup}). With the embedded database,
 *       <em>online</em> while KAA runs on {@code KAA_DATA_DIR} (it connects to that server, found
 *       through {@code postmaster.pid} and the password file), <em>offline</em> otherwise (it starts
 *       the database itself and stops it again); with {@code SPRING_DATASOURCE_URL}, from that database.</li>
 *   <li>{@code --kaa.restore=FILE}: checks the file and restores it into an empty {@code KAA_DATA_DIR}
 *       (a new cluster) or an empty external database ({@link Restore}).</li>
 *   <li>{@code --kaa.backup-verify=FILE}: checks a backup file against its manifest and checksums.</li>
 * </ul>
 * Each prints one line of JSON and exits with 0, or logs one line saying why not and exits with 1.
 */
public final class DatabaseCommands {

    static final String BACKUP = "kaa.backup";
    static final String RESTORE = "kaa.restore";
    static final String VERIFY = "kaa.backup-verify";
    private static final List<String> OPTIONS = List.of(BACKUP, RESTORE, VERIFY);
    private static final Logger log = LoggerFactory.getLogger(DatabaseCommands.class);

    private DatabaseCommands() {
    }

    /** Whether the arguments ask for a database command. */
    public static boolean requested(String... args) {
        return Arrays.stream(args).anyMatch(a -> OPTIONS.stream().anyMatch(o -> a.startsWith("--" + o + "=")));
    }

    static boolean requested(Environment env) {
        return OPTIONS.stream().anyMatch(env::containsProperty);
    }

    /** Runs the command the arguments ask for and returns its exit code. */
    public static int run(String... args) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandContext.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .registerShutdownHook(false).run(args);
        try {
            Environment env = context.getEnvironment();
            Map<String, Object> result;
            if (env.containsProperty(VERIFY)) {
                result = verify(path(env, VERIFY));
            } else if (env.containsProperty(BACKUP)) {
                result = backup(env, path(env, BACKUP));
            } else {
                result = restore(env, path(env, RESTORE));
            }
            System.out.println(Backup.JSON.writeValueAsString(result));
            System.out.flush();
            return 0;
        } catch (RuntimeException | SQLException e) {
            log.error("{}", e.getMessage() == null ? e.toString() : e.getMessage());
            log.debug("The command failed", e);
            return 1;
        } finally {
            context.close();
        }
    }

    /** No beans: the command needs the configuration only. */
    @Configuration(proxyBeanMethods = false)
    static class CommandContext {
    }

    private static Path path(Environment env, String option) {
        String value = env.getProperty(option, "");
        if (value.isBlank()) {
            throw new IllegalArgumentException("--" + option + " needs a file name, e.g. --" + option + "=kaa-backup.zip");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    private static Map<String, Object> verify(Path file) {
        BackupManifest manifest = Restore.verify(file);
        log.info("The backup {} is intact: {} tables, {} rows, schema version {}, taken {}", file,
                manifest.tables().size(), manifest.totalRows(), manifest.flywayVersion(), manifest.createdAt());
        return summary("verified", file, manifest, null);
    }

    private static Map<String, Object> backup(Environment env, Path file) throws SQLException {
        if (Files.exists(file)) {
            throw new IllegalArgumentException("The file " + file + " exists already; a backup never overwrites one");
        }
        String url = env.getProperty("spring.datasource.url", "");
        if (!url.isBlank()) {
            try (Connection c = external(env).getConnection()) {
                return summary("backup", file, written(c, file), "external");
            }
        }
        DataDirectory directory = new DataDirectory(platform(env).dataDir());
        if (!directory.hasCluster()) {
            throw new IllegalStateException("There is no database in " + directory.pgData() + " to back up (KAA_DATA_DIR)");
        }
        Optional<DataDirectory.Claim> claim = directory.tryClaim();
        if (claim.isEmpty()) {
            // KAA runs on the directory: read from its server, a snapshot like any other transaction
            PostmasterPid running = PostmasterPid.read(directory.pgData())
                    .filter(p -> p.liveServerOn(directory.pgData()).isPresent())
                    .orElseThrow(() -> new IllegalStateException("KAA runs on " + directory.root()
                            + " but its database is not up; try again when it answers"));
            PGSimpleDataSource online = dataSource(EmbeddedPostgresServer.jdbcUrl(running.port()),
                    EmbeddedPostgresServer.SUPERUSER, SuperuserPassword.read(directory.passwordFile()));
            log.info("KAA runs on {}: backing up online from its database (pid {})", directory.root(), running.pid());
            try (Connection c = online.getConnection()) {
                return summary("backup", file, written(c, file), "online");
            }
        }
        claim.get().close();
        EmbeddedPostgresServer server = offline(env);
        try (Connection c = dataSource(server.jdbcUrl(), server.username(), server.password()).getConnection()) {
            return summary("backup", file, written(c, file), "offline");
        } finally {
            server.stop();
        }
    }

    private static BackupManifest written(Connection c, Path file) throws SQLException {
        long started = System.nanoTime();
        BackupManifest manifest = Backup.write(c, file);
        log.info("Wrote the backup {} in {} ms: {} tables, {} rows, schema version {}", file,
                (System.nanoTime() - started) / 1_000_000, manifest.tables().size(), manifest.totalRows(),
                manifest.flywayVersion());
        return manifest;
    }

    private static Map<String, Object> restore(Environment env, Path file) throws SQLException {
        BackupManifest manifest = Restore.verify(file);
        String[] locations = env.getProperty("spring.flyway.locations", "classpath:db/migration").split("\\s*,\\s*");
        long started = System.nanoTime();
        if (!env.getProperty("spring.datasource.url", "").isBlank()) {
            Restore.restore(file, manifest, external(env), locations);
        } else {
            DataDirectory directory = new DataDirectory(platform(env).dataDir());
            directory.tryClaim().orElseThrow(() -> new IllegalStateException("KAA runs on " + directory.root()
                    + "; a backup is restored only into an empty KAA_DATA_DIR that no KAA uses")).close();
            EmbeddedPostgresServer server = offline(env);
            try {
                Restore.restore(file, manifest, dataSource(server.jdbcUrl(), server.username(), server.password()),
                        locations);
            } finally {
                server.stop();
            }
        }
        log.info("Restored the backup {} (taken {}, {} rows, schema version {}) in {} ms", file, manifest.createdAt(),
                manifest.totalRows(), manifest.flywayVersion(), (System.nanoTime() - started) / 1_000_000);
        return summary("restored", file, manifest, null);
    }

    private static EmbeddedPostgresServer offline(Environment env) {
        PlatformProperties platform = platform(env);
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(platform.dataDir(), 0, 1, false);
        server.start();
        return server;
    }

    private static PlatformProperties platform(Environment env) {
        return Binder.get(env).bindOrCreate("kaa.platform", PlatformProperties.class);
    }

    private static DataSource external(Environment env) {
        return dataSource(env.getProperty("spring.datasource.url"), env.getProperty("spring.datasource.username"),
                env.getProperty("spring.datasource.password"));
    }

    private static PGSimpleDataSource dataSource(String url, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }

    private static Map<String, Object> summary(String what, Path file, BackupManifest manifest, String mode) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(what, file.toString());
        if (mode != null) {
            result.put("mode", mode);
        }
        result.put("createdAt", manifest.createdAt());
        result.put("flywayVersion", manifest.flywayVersion());
        result.put("tables", manifest.tables().size());
        result.put("rows", manifest.totalRows());
        result.put("checksum", manifest.checksum());
        return result;
    }
}
