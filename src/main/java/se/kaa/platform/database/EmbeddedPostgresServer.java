package se.kaa.platform.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL on {@code KAA_DATA_DIR}: one server, owned by one KAA process.
 *
 * <p>{@link #start()} claims the data directory (refusing when another live KAA holds it), stops a
 * server a killed KAA left running on it, creates the cluster on first use (data checksums, the
 * superuser's generated password, SCRAM authentication only), secures a cluster an earlier KAA made
 * with {@code trust}, writes the settings sized for the machine and starts the server. The server
 * survives the JVM only when the JVM is killed; {@link #stop()} ends it after the application has
 * drained ({@code EmbeddedDatabaseConfiguration}). {@link #restartAfterCrash()} starts it again on
 * the same directory and port when it died under the application.
 */
public final class EmbeddedPostgresServer {

    static final String SUPERUSER = "postgres";
    static final String DATABASE = "postgres";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String HBA_MARKER = "# KAA: only the superuser's password lets anyone in";
    private static final String INCLUDE = "include_if_exists = 'kaa.conf'";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final DataDirectory directory;
    private final int configuredPort;
    private final int poolSize;
    private final boolean throwaway;
    private PostgresBinaries binaries;
    private DataDirectory.Claim claim;
    private String password;
    private int port;
    private volatile ProcessHandle postmaster;
    private volatile boolean stopped;

    /**
     * @param port      the port to listen on, 0 for a free one (kept across restarts of this process)
     * @param poolSize  the application's connection pool, which {@code max_connections} must fit
     * @param throwaway the tests' database: emptied at start, not durable
     */
    public EmbeddedPostgresServer(Path dataDirectory, int port, int poolSize, boolean throwaway) {
        this.directory = new DataDirectory(dataDirectory);
        this.configuredPort = port;
        this.poolSize = poolSize;
        this.throwaway = throwaway;
    }

    /**
     * Starts the server.
     *
     * @throws DataDirectoryInUseException when another live KAA process uses the data directory
     */
    public synchronized void start() {
        long started = System.nanoTime();
        claim = directory.tryClaim().orElseThrow(() -> new DataDirectoryInUseException(directory.root(),
                DataDirectory.livePid(directory.claimantPid())));
        try {
            binaries = PostgresBinaries.unpackInto(directory.binaries());
            stopLeftOverServer();
            if (throwaway) {
                deleteRecursively(directory.pgData());
            }
            DataDirectory.createPrivate(directory.logDirectory());
            SuperuserPassword secret = SuperuserPassword.readOrCreate(directory.passwordFile());
            password = secret.value();
            port = configuredPort > 0 ? configuredPort : freePort();
            boolean created = false;
            if (!directory.hasCluster()) {
                initdb();
                created = true;
            }
            writeSettings();
            if (!created && (secret.created() || !hbaIsOurs())) {
                secureClusterOfEarlierVersion(secret.created());
            }
            startServer(configuredPort == 0);
            verifyPassword();
            log.info("Embedded PostgreSQL started in {} ms on 127.0.0.1:{} (pid {}) with data in {}",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), port, postmaster.pid(), directory.pgData());
        } catch (IOException e) {
            releaseClaim();
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory.pgData(), e);
        } catch (RuntimeException e) {
            releaseClaim();
            throw e;
        }
    }

    /** Whether the postmaster runs (false after it died or was stopped). */
    public boolean isAlive() {
        ProcessHandle p = postmaster;
        return p != null && p.isAlive();
    }

    public boolean isStopped() {
        return stopped;
    }

    public Optional<Long> postmasterPid() {
        return Optional.ofNullable(postmaster).map(ProcessHandle::pid);
    }

    /**
     * After the postmaster died under the application: starts it again on the same data directory and
     * port (so the connection pool reconnects), retrying while the dead server's processes let go of
     * its shared memory. PostgreSQL replays its WAL: every commit it acknowledged is there again.
     *
     * @return false if the server was stopped meanwhile (the application is shutting down)
     */
    public synchronized boolean restartAfterCrash(Duration patience) {
        if (stopped) {
            return false;
        }
        long deadline = System.nanoTime() + patience.toNanos();
        IllegalStateException last = null;
        while (System.nanoTime() < deadline && !stopped && !Thread.currentThread().isInterrupted()) {
            try {
                startServer(false);
                verifyPassword();
                return true;
            } catch (IllegalStateException e) {
                last = e;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt(); // the application is stopping
                }
            }
        }
        if (stopped || Thread.currentThread().isInterrupted()) {
            return false;
        }
        throw last != null ? last : new IllegalStateException("Could not restart the embedded PostgreSQL");
    }

    /** Stops the server (fast shutdown: open transactions are rolled back) and releases the data directory. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        long started = System.nanoTime();
        try {
            if (isAlive()) {
                pgCtlStop("fast");
                log.info("Embedded PostgreSQL stopped in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
            }
        } finally {
            releaseClaim();
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    Path pgData() {
        return directory.pgData();
    }

    /** A connection outside the application's pool, with short timeouts (the watchdog, the commands). */
    public Connection connect(Duration timeout) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        props.setProperty("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds() * 5)));
        props.setProperty("ApplicationName", "kaa-watchdog");
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    // ---------------------------------------------------------------- steps of the start

    /**
     * A KAA killed with {@code kill -9} leaves its PostgreSQL running on the directory (it is not the
     * JVM's child any more). We hold the directory's lock, so no live KAA uses that server: stop it.
     */
    private void stopLeftOverServer() {
        Optional<ProcessHandle> orphan = PostmasterPid.read(directory.pgData()).flatMap(p -> p.liveServerOn(directory.pgData()));
        if (orphan.isEmpty()) {
            return;
        }
        long pid = orphan.get().pid();
        log.warn("PostgreSQL (pid {}) is still running on the data directory {}, left by a KAA process that ended "
                + "without stopping it (killed?); stopping it before starting it again", pid, directory.pgData());
        long started = System.nanoTime();
        try {
            pgCtlStop("fast");
        } catch (IllegalStateException e) {
            orphan.get().destroy(); // SIGTERM: smart shutdown
            if (!awaitExit(orphan.get(), Duration.ofSeconds(30))) {
                orphan.get().destroyForcibly();
                awaitExit(orphan.get(), Duration.ofSeconds(10));
            }
        }
        log.warn("Stopped the left-over PostgreSQL (pid {}) in {} ms; its committed transactions are kept", pid,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private void initdb() throws IOException {
        Path pgData = directory.pgData();
        if (Files.isDirectory(pgData)) {
            try (Stream<Path> files = Files.list(pgData)) {
                if (files.findAny().isPresent()) {
                    throw new IllegalStateException("The directory " + pgData + " is not empty but holds no PostgreSQL "
                            + "cluster (no PG_VERSION); move it away so that KAA can create a new database there");
                }
            }
        }
        List<String> command = new ArrayList<>(List.of(binaries.bin("initdb").toString(), "-D", pgData.toString(),
                "-U", SUPERUSER, "--pwfile=" + directory.passwordFile(), "--auth-local=scram-sha-256",
                "--auth-host=scram-sha-256", "-E", "UTF-8", "--locale=C.UTF-8", "--data-checksums"));
        if (throwaway) {
            command.add("--no-sync");
        }
        long started = System.nanoTime();
        run(command, null, Duration.ofMinutes(5));
        writeHba();
        Files.writeString(pgData.resolve("postgresql.conf"), "\n" + INCLUDE + "\n", StandardOpenOption.APPEND);
        log.info("Created a new PostgreSQL cluster in {} in {} ms (data checksums on, superuser password in {})",
                pgData, Duration.ofNanos(System.nanoTime() - started).toMillis(), directory.passwordFile());
    }

    private void writeSettings() throws IOException {
        Path conf = directory.pgData().resolve("postgresql.conf");
        if (!Files.readString(conf).contains(INCLUDE)) {
            Files.writeString(conf, "\n" + INCLUDE + "\n", StandardOpenOption.APPEND);
        }
        Map<String, String> settings = ServerSettings.of(ServerSettings.machineMemory(), poolSize, !throwaway, port,
                directory.logDirectory());
        Files.writeString(directory.pgData().resolve("kaa.conf"), ServerSettings.asConfigFile(settings));
        log.info("Embedded PostgreSQL settings: {}", ServerSettings.summary(settings));
    }

    private boolean hbaIsOurs() throws IOException {
        Path hba = directory.pgData().resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readString(hba).startsWith(HBA_MARKER);
    }

    private void writeHba() throws IOException {
        Files.writeString(directory.pgData().resolve("pg_hba.conf"), HBA_MARKER + "\n"
                + "# Written by KAA (docs/operations.md): TCP on the loopback interface with the superuser's password\n"
                + "# from KAA_DATA_DIR/postgres.password; no trust, no Unix socket (unix_socket_directories is empty).\n"
                + "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
                + "local   all       all                 scram-sha-256\n"
                + "host    all       all   127.0.0.1/32  scram-sha-256\n"
                + "host    all       all   ::1/128       scram-sha-256\n");
    }

    /**
     * A cluster made by an earlier KAA (zonky's {@code initdb -A trust}) let every local process in as
     * superuser without a password. Give the superuser the password – in single-user mode, which needs
     * no connection – and require it from now on.
     */
    private void secureClusterOfEarlierVersion(boolean newPassword) throws IOException {
        boolean trusted = !hbaIsOurs();
        run(List.of(binaries.bin("postgres").toString(), "--single", "-D", directory.pgData().toString(), DATABASE),
                "ALTER ROLE " + SUPERUSER + " WITH PASSWORD '" + password + "';\n", Duration.ofMinutes(10));
        writeHba();
        if (trusted) {
            log.warn("Secured the embedded PostgreSQL in {}, made by an earlier KAA version: it let any local process "
                    + "in as superuser without a password (trust); the superuser now has a generated password, kept in "
                    + "{} (readable by its owner only), and every connection must give it (scram-sha-256). "
                    + "Data checksums stay off for this cluster: a backup restored into a new KAA_DATA_DIR has them "
                    + "(docs/operations.md)", directory.pgData(), directory.passwordFile());
        } else if (newPassword) {
            log.warn("The database password file {} was missing; the superuser got a new password, kept there",
                    directory.passwordFile());
        }
    }

    /** pg_ctl start; on a port that turned out to be taken, with {@code retryPort} a fresh one. */
    private void startServer(boolean retryPort) throws IllegalStateException {
        try {
            pgCtlStart();
        } catch (IllegalStateException e) {
            if (!retryPort || !startupLog().contains("could not bind")) {
                throw e;
            }
            port = freePort();
            try {
                writeSettings();
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            pgCtlStart();
        }
        postmaster = PostmasterPid.read(directory.pgData()).flatMap(p -> ProcessHandle.of(p.pid()))
                .orElseThrow(() -> new IllegalStateException("PostgreSQL started but wrote no postmaster.pid"));
    }

    private void pgCtlStart() {
        Path startupLog = directory.logDirectory().resolve("startup.log");
        try {
            Files.deleteIfExists(startupLog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            run(List.of(binaries.bin("pg_ctl").toString(), "start", "-D", directory.pgData().toString(), "-w",
                    "-t", Long.toString(START_TIMEOUT.toSeconds()), "-s", "-l", startupLog.toString()), null,
                    START_TIMEOUT.plusMinutes(1));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + startupLog(), e);
        }
    }

    private String startupLog() {
        try {
            Path file = directory.logDirectory().resolve("startup.log");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private void pgCtlStop(String mode) {
        try {
            run(List.of(binaries.bin("pg_ctl").toString(), "stop", "-D", directory.pgData().toString(), "-m", mode,
                    "-w", "-t", "60", "-s"), null, Duration.ofSeconds(90));
        } catch (IllegalStateException e) {
            if (!"immediate".equals(mode) && isAlive()) {
                log.warn("PostgreSQL did not stop within a minute ({}); stopping it immediately", e.getMessage());
                pgCtlStop("immediate");
            } else if (isAlive() || !"fast".equals(mode) || postmaster == null) {
                throw e;
            }
        }
    }

    /** The password works; after a password file was replaced by hand, set it again. */
    private void verifyPassword() {
        try (Connection c = connect(Duration.ofSeconds(10)); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        } catch (SQLException e) {
            if (!"28P01".equals(e.getSQLState())) {
                throw new IllegalStateException("The embedded PostgreSQL started but does not answer: " + e.getMessage(), e);
            }
            log.warn("The password in {} is not the database superuser's; setting it again", directory.passwordFile());
            pgCtlStop("fast");
            try {
                secureClusterOfEarlierVersion(false);
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            startServer(false);
        }
    }

    private void releaseClaim() {
        if (claim != null) {
            claim.close();
            claim = null;
        }
    }

    // ---------------------------------------------------------------- processes

    /**
     * Runs a PostgreSQL program; its output goes to our log only when it fails. PostgreSQL refuses to
     * run as root: as root (a container), it runs in a user namespace of its own ({@code unshare -U}),
     * as zonky does.
     */
    private void run(List<String> command, String input, Duration timeout) {
        List<String> full = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
        builder.environment().put("LC_MESSAGES", "C");
        try {
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] output;
            try (InputStream stdout = process.getInputStream()) {
                output = stdout.readAllBytes();
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program(command) + " did not finish within " + timeout);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (password != null) {
                text = text.replace(password, "****");
            }
            if (process.exitValue() != 0 || text.contains("ERROR:") || text.contains("FATAL:")) {
                throw new IllegalStateException(program(command) + " failed (exit code " + process.exitValue() + "): "
                        + text.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + program(command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + program(command), e);
        }
    }

    private static String program(List<String> command) {
        Path program = Path.of(command.get(0)).getFileName();
        return command.size() > 1 ? program + " " + command.get(1) : program.toString();
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
