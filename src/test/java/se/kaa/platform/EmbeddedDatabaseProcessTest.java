package se.kaa.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import se.kaa.testsupport.AppProcess;

/**
 * The embedded PostgreSQL as a production database, and the application under faults, tried on one
 * application process (a separate JVM) in steps: durable settings, only the password lets anyone in,
 * a second instance on the same data directory is refused in one line, the database killed during
 * writes is restarted without losing an acknowledged write, a request in flight completes during a
 * graceful stop, and backups taken online and offline restore to the same register. (A start after
 * {@code kill -9} that stops the server the killed process left behind is shown by each restart of
 * {@code ImportCrashTest}.)
 */
@se.kaa.testsupport.ProcessLane
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDatabaseProcessTest {

    private static AppProcess app;
    private static HttpResponse<String> groupBefore;
    private static HttpResponse<String> casesBefore;
    private static String lateNotice;

    private static final List<AppProcess> started = new ArrayList<>();
    private static Path backups;

    @BeforeAll
    static void start() {
        backups = AppProcess.scratchDirectory("backups");
        // the demo municipality gives the backup a group, cases and audit entries to carry
        app = AppProcess.named("embedded-db").property("kaa.platform.demo-data", "true");
        started.add(app);
        app.start();
    }

    @AfterAll
    static void close() {
        started.forEach(AppProcess::close);
    }

    @Test
    @Order(1)
    void theDatabaseCommitsDurablyWithSettingsSizedForTheMachine() throws Exception {
        try (Connection c = database(); Statement s = c.createStatement()) {
            assertThat(show(s, "synchronous_commit")).isEqualTo("on");
            assertThat(show(s, "fsync")).isEqualTo("on");
            assertThat(show(s, "full_page_writes")).isEqualTo("on");
            assertThat(show(s, "data_checksums")).isEqualTo("on");
            // the pool (10) and ten connections for commands and an administrator
            assertThat(show(s, "max_connections")).isEqualTo("20");
            long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getTotalMemorySize();
            long expectedMb = Math.max(128, Math.min(4096, memory / 8 / 1024 / 1024));
            assertThat(show(s, "shared_buffers")).isIn(expectedMb + "MB", (expectedMb / 1024) + "GB");
            assertThat(show(s, "logging_collector")).isEqualTo("on");
            assertThat(Path.of(show(s, "log_directory"))).isEqualTo(app.dataDir().resolve("postgres-log"));
        }
        assertThat(app.dataDir().resolve("postgres-log")).isDirectoryContaining(p -> p.getFileName().toString()
                .matches("postgresql-\\w{3}\\.log"));
    }

    @Test
    @Order(2)
    void onlyTheSuperusersPasswordLetsAnyoneIn() throws Exception {
        Path passwordFile = app.dataDir().resolve("postgres.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        for (Path dir : List.of(app.pgData(), app.dataDir().resolve("postgres-log"), app.dataDir().resolve("spool"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as(dir.toString()).isEqualTo("rwx------");
        }

        Properties noPassword = new Properties();
        noPassword.setProperty("user", "postgres");
        assertThatThrownBy(() -> DriverManager.getConnection(url(), noPassword).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
        Properties wrongPassword = new Properties();
        wrongPassword.setProperty("user", "postgres");
        wrongPassword.setProperty("password", "trust-me");
        assertThatThrownBy(() -> DriverManager.getConnection(url(), wrongPassword).close())
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");

        List<String> hba = Files.readAllLines(app.pgData().resolve("pg_hba.conf")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(hba).isNotEmpty().allSatisfy(l -> assertThat(l).endsWith("scram-sha-256"));
        try (Connection c = database(); Statement s = c.createStatement()) {
            // no Unix socket at all (it would be reachable by every local user): TCP on 127.0.0.1 only
            assertThat(show(s, "unix_socket_directories")).isEmpty();
            assertThat(show(s, "listen_addresses")).isEqualTo("127.0.0.1");
            try (ResultSet r = s.executeQuery("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getBoolean(1)).isTrue();
            }
        }
    }

    @Test
    @Order(3)
    void aSecondInstanceOnTheSameDataDirectoryIsRefusedWithOneClearLine() throws Exception {
        Path log = app.dataDir().resolveSibling("embedded-db-second.log");
        Process second = app.startSecondInstance(log);
        assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("the second instance gives up").isTrue();
        assertThat(second.exitValue()).isEqualTo(2);
        String output = Files.readString(log);
        assertThat(output.lines().filter(l -> !l.isBlank())).as("one line").hasSize(1);
        assertThat(output).contains("Another KAA instance is using the data directory " + app.dataDir()
                + " (pid " + app.pid() + "); stop it or set KAA_DATA_DIR to another directory.");
        assertThat(output).contains("En annan KAA-instans använder datakatalogen " + app.dataDir());
        assertThat(output).doesNotContain("epg-lock").doesNotContain("Gave up waiting");
        assertThat(output.lines().filter(l -> l.startsWith("\tat "))).as("no stack trace").isEmpty();
        // the first one never noticed
        assertThat(app.get("/login", null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void whenTheDatabaseDiesDuringWritesItIsRestartedAndNoAcknowledgedWriteIsLost() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    String key = UUID.randomUUID().toString();
                    try {
                        if (postNotice(key).statusCode() == 201) {
                            acknowledged.add(key);
                        }
                    } catch (RuntimeException e) {
                        // a refused or reset connection: not acknowledged
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        awaitSize(acknowledged, 20, Duration.ofSeconds(30));
        long postmaster = app.postmasterPid().orElseThrow();
        ProcessHandle.of(postmaster).orElseThrow().destroyForcibly(); // SIGKILL
        long killed = System.nanoTime();

        boolean sawDown = false;
        boolean up = false;
        while (System.nanoTime() - killed < Duration.ofSeconds(60).toNanos()) {
            int status = app.get("/actuator/health", null).statusCode();
            sawDown |= status == 503;
            if (sawDown && status == 200) {
                up = true;
                break;
            }
            Thread.sleep(25);
        }
        assertThat(sawDown).as("health went DOWN").isTrue();
        assertThat(up).as("health came back UP").isTrue();
        int before = acknowledged.size();
        awaitSize(acknowledged, before + 20, Duration.ofSeconds(30));
        long recoveredMillis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
        writing.set(false);
        for (Thread writer : writers) {
            writer.join(60_000);
        }
        assertThat(app.postmasterPid()).hasValueSatisfying(pid -> assertThat(pid).isNotEqualTo(postmaster));
        assertThat(recoveredMillis).as("writes succeed again within 30 s").isLessThan(30_000);
        app.awaitLog("starting it again on the same data directory and port", Duration.ofSeconds(5));

        Set<String> stored = ConcurrentHashMap.newKeySet();
        try (Connection c = database(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT idempotency_key FROM notice")) {
            while (r.next()) {
                stored.add(r.getString(1));
            }
        }
        assertThat(stored).as("every write answered 201 is in the database").containsAll(acknowledged);
    }

    @Test
    @Order(5)
    void anOnlineBackupIsTakenWhileTheApplicationRuns() throws Exception {
        // The register to compare is a settled one. Follow-up work the database's death cut short before
        // it could even be marked as started (recomputation, case lifecycle) waits for the registry's
        // staleness limit (15 minutes) in a running instance, and is done at once by the next start – as
        // the restored copy's start will do. So when some is left, the application is restarted and
        // settles first; else the restored copy, having finished that work, would differ from "before".
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (incompleteFollowUps() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250); // work still running finishes on its own
        }
        if (incompleteFollowUps() > 0) {
            app.signalStop();
            app.awaitExit();
            app.start();
        }
        awaitFollowUpsDone(Duration.ofSeconds(60));
        groupBefore = app.get("/api/v1/target-group/members?municipality=9999", AppProcess.adminBasicAuth());
        casesBefore = app.get("/api/v1/cases?municipality=9999", basic("eva"));
        assertThat(groupBefore.statusCode()).isEqualTo(200);
        assertThat(casesBefore.statusCode()).isEqualTo(200);
        assertThat(casesBefore.body()).contains("\"id\"");

        Path online = backups().resolve("online.zip");
        AppProcess.CommandResult result = app.command(Duration.ofSeconds(90), "--kaa.backup=" + online);
        assertThat(result.exitCode()).as(result.text()).isZero();
        assertThat(result.text()).contains("\"mode\":\"online\"").contains("\"backup\":\"" + online + "\"");
        assertThat(result.text()).as("a command, not the application").doesNotContain("Tomcat")
                .doesNotContain("Started KaaApplication").doesNotContain("Demo data");
        assertThat(online).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(online))).as("it holds personal data")
                .isEqualTo("rw-------");
        assertThat(app.get("/actuator/health", null).statusCode()).as("the application kept running").isEqualTo(200);
    }

    @Test
    @Order(6)
    void aRequestInFlightCompletesDuringAGracefulStopAndTheDatabaseStopsLast() throws Exception {
        String key = UUID.randomUUID().toString();
        byte[] body = noticeBody().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", app.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/notices HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + AppProcess.adminBasicAuth()
                    + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + key + "\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 20);
            out.flush();
            Thread.sleep(300);
            app.signalStop(); // SIGTERM while the request's body is still arriving
            app.awaitLog("Commencing graceful shutdown", Duration.ofSeconds(10));
            Thread.sleep(1500);
            out.write(body, 20, body.length - 20);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 201");
        }
        app.awaitExit();
        List<String> log = app.logLines();
        int drained = indexOf(log, "Graceful shutdown complete");
        int stopped = indexOf(log, "Embedded PostgreSQL stopped");
        assertThat(drained).as("the web server drained").isNotNegative();
        assertThat(stopped).as("the database stopped after the web server drained").isGreaterThan(drained);
        lateNotice = key;
    }

    @Test
    @Order(7)
    void anOfflineBackupStartsTheDatabaseItselfAndStopsItAgain() throws Exception {
        Path offline = backups().resolve("offline.zip");
        AppProcess.CommandResult result = app.command(Duration.ofSeconds(90), "--kaa.backup=" + offline);
        assertThat(result.exitCode()).as(result.text()).isZero();
        assertThat(result.text()).contains("\"mode\":\"offline\"");
        assertThat(app.postmasterPid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false))
                .as("the database it started is stopped again").isFalse();
        AppProcess.CommandResult verified = app.command(Duration.ofSeconds(60), "--kaa.backup-verify=" + offline);
        assertThat(verified.exitCode()).as(verified.text()).isZero();
        assertThat(verified.text()).contains("\"verified\"");
    }

    @Test
    @Order(8)
    void aDamagedBackupIsRefusedAndTheTargetStaysEmpty() throws Exception {
        byte[] bytes = Files.readAllBytes(backups().resolve("offline.zip"));
        for (int i = bytes.length / 3; i < bytes.length / 3 + 16; i++) {
            bytes[i] ^= 0x5a;
        }
        Path damaged = Files.write(backups().resolve("damaged.zip"), bytes);
        AppProcess target = AppProcess.named("restore-damaged");
        AppProcess.CommandResult result = target.command(Duration.ofSeconds(60), "--kaa.restore=" + damaged);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.text()).contains("The backup " + damaged + " is damaged");
        assertThat(target.pgData().resolve("PG_VERSION")).doesNotExist();
    }

    @Test
    @Order(9)
    void theBackupRestoredIntoAnEmptyDataDirectoryIsTheSameRegister() throws Exception {
        AppProcess restored = AppProcess.named("restored");
        AppProcess.CommandResult result = restored.command(Duration.ofSeconds(120),
                "--kaa.restore=" + backups().resolve("offline.zip"));
        assertThat(result.exitCode()).as(result.text()).isZero();
        assertThat(result.text()).contains("\"restored\"");

        started.add(restored);
        app = restored.property("kaa.platform.demo-data", "true").start();
        HttpResponse<String> group = app.get("/api/v1/target-group/members?municipality=9999", AppProcess.adminBasicAuth());
        HttpResponse<String> cases = app.get("/api/v1/cases?municipality=9999", basic("eva"));
        assertThat(group.body()).isEqualTo(groupBefore.body());
        assertThat(cases.body()).isEqualTo(casesBefore.body());
        try (Connection c = database(); Statement s = c.createStatement()) {
            // the audit log is the granskare's: one with the administrator's password
            s.execute("INSERT INTO app_user (username, password_hash, display_name) SELECT 'granskare', password_hash, "
                    + "'Granskare' FROM app_user WHERE username = '" + AppProcess.USER + "'");
            s.execute("INSERT INTO user_role (user_id, role) SELECT id, 'GRANSKARE' FROM app_user WHERE username = 'granskare'");
        }
        HttpResponse<String> verify = app.get("/api/v1/audit/verify", basic("granskare"));
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(verify.body()).contains("\"valid\":true");
        try (Connection c = database(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM notice WHERE idempotency_key = '" + lateNotice + "'")) {
            r.next();
            assertThat(r.getInt(1)).as("the notice acknowledged during the graceful stop").isEqualTo(1);
        }
        try (Connection c = database(); Statement s = c.createStatement()) {
            assertThat(show(s, "data_checksums")).isEqualTo("on");
        }
    }

    // ------------------------------------------------------------------------------------------

    private static Path backups() {
        return backups;
    }

    private static String basic(String user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + AppProcess.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> postNotice(String key) {
        return app.send(HttpRequest.newBuilder(app.uri("/api/v1/notices")).timeout(Duration.ofSeconds(60))
                .header("Authorization", AppProcess.adminBasicAuth()).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(noticeBody())).build());
    }

    private static String noticeBody() {
        return """
                {"type": "ABSENCE", "personnummer": "200701012387", "municipality": "2380", "schoolUnitCode": "12345678",
                 "date": "2026-11-20", "absence": {"from": "2026-10-01", "to": "2026-10-31", "hours": 2}}""";
    }

    private static void awaitSize(Set<String> set, int size, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (set.size() < size) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + set.size() + " writes acknowledged within " + timeout + ":\n"
                        + String.join("\n", app.logLines().subList(Math.max(0, app.logLines().size() - 40),
                        app.logLines().size())));
            }
            Thread.sleep(20);
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static String url() {
        return "jdbc:postgresql://127.0.0.1:" + app.postgresPort().orElseThrow() + "/postgres";
    }

    /** Waits until no event publication is incomplete (docs/architecture.md, "Durable follow-up work"). */
    private static void awaitFollowUpsDone(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long open = incompleteFollowUps();
        while (open > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            open = incompleteFollowUps();
        }
        assertThat(open).as("follow-ups still incomplete after " + timeout).isZero();
    }

    private static long incompleteFollowUps() throws Exception {
        try (Connection c = database(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Connection database() throws Exception {
        String password = Files.readString(app.dataDir().resolve("postgres.password")).strip();
        return DriverManager.getConnection(url(), "postgres", password);
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet r = s.executeQuery("SHOW " + setting)) {
            r.next();
            return r.getString(1);
        }
    }
}
