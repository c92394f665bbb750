package se.kaa.platform.database;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The embedded PostgreSQL's settings, written to {@code postgres/kaa.conf} at every start (which
 * {@code postgresql.conf} includes last). A production database for a small municipality: every
 * commit the application is told about is on disk ({@code fsync}, {@code synchronous_commit},
 * {@code full_page_writes} on), memory sized from the machine (the JVM and the operating system's
 * file cache share it), reachable only on 127.0.0.1 with the superuser's password, and PostgreSQL's
 * own log kept under the data directory for a week. Only the tests' throw-away database
 * ({@code kaa.platform.clean-database=true}) trades durability for speed.
 */
final class ServerSettings {

    private static final long MB = 1024L * 1024;
    private static final long GB = 1024 * MB;
    /** connections beyond the application's pool: the backup and verify commands, an administrator */
    static final int SPARE_CONNECTIONS = 10;

    private ServerSettings() {
    }

    /**
     * @param totalMemory bytes of memory of the machine (or container)
     * @param poolSize    the application's connection pool
     * @param durable     false only for the tests' throw-away database
     */
    static Map<String, String> of(long totalMemory, int poolSize, boolean durable, int port, Path logDirectory) {
        int maxConnections = poolSize + SPARE_CONNECTIONS;
        long sharedBuffers = clamp(totalMemory / 8, 128 * MB, 4 * GB);
        long effectiveCache = clamp(totalMemory / 2, 512 * MB, 64 * GB);
        long maintenanceWorkMem = clamp(totalMemory / 32, 64 * MB, GB);
        long workMem = clamp(totalMemory / 8 / maxConnections, 4 * MB, 64 * MB);

        Map<String, String> s = new LinkedHashMap<>();
        s.put("port", Integer.toString(port));
        s.put("listen_addresses", "'127.0.0.1'");
        // no Unix socket: the only way in is TCP on the loopback interface, with the password
        s.put("unix_socket_directories", "''");
        s.put("password_encryption", "'scram-sha-256'");
        s.put("max_connections", Integer.toString(maxConnections));
        s.put("timezone", "'UTC'");

        s.put("shared_buffers", durable ? megabytes(sharedBuffers) : "128MB");
        s.put("effective_cache_size", megabytes(effectiveCache));
        s.put("maintenance_work_mem", megabytes(maintenanceWorkMem));
        s.put("work_mem", megabytes(workMem));

        // durability: a commit the application was told about survives a crash of the machine
        s.put("fsync", durable ? "on" : "off");
        s.put("synchronous_commit", durable ? "on" : "off");
        s.put("full_page_writes", durable ? "on" : "off");
        // WAL: room for an import's burst without forced checkpoints; replica level keeps WAL
        // archiving (point-in-time recovery) possible without a restart of the settings
        s.put("wal_level", "replica");
        s.put("wal_compression", "on");
        s.put("max_wal_size", durable ? "2GB" : "1GB");
        s.put("min_wal_size", "256MB");
        s.put("checkpoint_timeout", "15min");
        s.put("checkpoint_completion_target", "0.9");

        // PostgreSQL's own log, under the data directory, one file per weekday, overwritten a week later
        s.put("logging_collector", "on");
        s.put("log_directory", quote(logDirectory.toAbsolutePath().toString()));
        s.put("log_filename", "'postgresql-%a.log'");
        s.put("log_truncate_on_rotation", "on");
        s.put("log_rotation_age", "1d");
        s.put("log_rotation_size", "0");
        s.put("log_line_prefix", "'%m [%p] %q%u@%d '");
        s.put("log_checkpoints", "on");
        s.put("log_lock_waits", "on");
        s.put("log_temp_files", "100MB");
        // a failing statement is logged with placeholders only: its parameters may hold personal data
        s.put("log_parameter_max_length_on_error", "0");
        s.put("log_parameter_max_length", "0");
        return s;
    }

    /** The machine's memory as the JVM sees it (a container's limit inside one). */
    static long machineMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            if (total > 0) {
                return total;
            }
        }
        return 2 * GB;
    }

    /** The file's text: one {@code name = value} per line. */
    static String asConfigFile(Map<String, String> settings) {
        return "# Written by KAA at every start of the embedded PostgreSQL (docs/operations.md); changes here\n"
                + "# are overwritten. postgresql.conf includes this file last.\n"
                + settings.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                        .collect(Collectors.joining("\n")) + "\n";
    }

    /** The settings worth one log line: memory and durability. */
    static String summary(Map<String, String> s) {
        return "max_connections=" + s.get("max_connections") + ", shared_buffers=" + s.get("shared_buffers")
                + ", effective_cache_size=" + s.get("effective_cache_size") + ", work_mem=" + s.get("work_mem")
                + ", fsync=" + s.get("fsync") + ", synchronous_commit=" + s.get("synchronous_commit");
    }

    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    private static String megabytes(long bytes) {
        return (bytes / MB) + "MB";
    }
}
