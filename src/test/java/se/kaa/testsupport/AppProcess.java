package se.kaa.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The application as a separate JVM, for tests that crash it: {@code kill -9}, SIGTERM, a killed
 * database, a restart on the same data directory. It runs {@code se.kaa.KaaApplication} on the test
 * runtime class path with its own {@code KAA_DATA_DIR} under {@code target/app-process/<name>}, a free
 * port, no demo data, municipalities 2380, 2361 and 9999, the administrator {@value #USER} /
 * {@value #PASSWORD} and bcrypt cost 4. Its output goes to a log file per start ({@link #logLines()},
 * {@link #awaitLog}); on {@link #close()} every log is scanned for a personnummer in clear
 * (reported by {@code NoPersonnummerInLogsTest} like the test JVM's own log).
 *
 * <p>Starting one costs some seconds: reuse one across the steps of a test class where possible.
 * <pre>{@code
 * try (AppProcess app = AppProcess.named("crash").start()) {
 *     app.kill9();
 *     app.restart();
 * }
 * }</pre>
 */
public final class AppProcess implements AutoCloseable {

    /**
     * The resource lock of the test classes that run children: they run beside the other classes (which
     * run one after another) but one at a time, and the log scan at the end waits for them.
     */
    public static final String RESOURCE = "kaa.app-process";

    public static final String USER = "process-admin";
    public static final String PASSWORD = "process-admin-password";

    /** Where every child keeps its data; the PostgreSQL binaries are unpacked once for all of them. */
    static final Path ROOT = Path.of("target", "app-process").toAbsolutePath();
    private static final Path SHARED_BINARIES = ROOT.resolve("pg-binaries");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** Answers 200 once the application has started and its database is up (the web server opens its port last). */
    private static final String READY_PATH = "/actuator/health";

    private final String name;
    private final Path dataDir;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    /**
     * A child is a test fixture started a dozen times a run on two cores: the client compiler, and no
     * bytecode verification of classes that come from javac and Maven Central (a fifth of a child's
     * start; a class-data archive was tried as well: its training start cost more than it saved).
     */
    private static final List<String> BASE_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmx512m", "-Xss512k", "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote");
    private final List<String> jvmOptions = new ArrayList<>(BASE_JVM_OPTIONS);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Path> logs = new ArrayList<>();
    private int port;
    private Process process;
    private Path logFile;
    private int starts;

    private AppProcess(String name, Path dataDir) {
        this.name = name;
        this.dataDir = dataDir;
        properties.putAll(DEFAULT_PROPERTIES);
    }

    /** Every child's settings unless a test changes them. */
    private static final Map<String, String> DEFAULT_PROPERTIES = Map.of(
            "kaa.platform.demo-data", "false",
            "kaa.platform.municipalities", "2380,2361,9999",
            "kaa.security.admin-username", USER,
            "kaa.security.admin-password", PASSWORD,
            "kaa.security.bcrypt-cost", "4");

    /** A child with a fresh, empty data directory {@code target/app-process/<name>}. */
    public static AppProcess named(String name) {
        Path dir = ROOT.resolve(name);
        deleteRecursively(dir);
        return new AppProcess(name, dir);
    }

    /** An empty directory {@code target/app-process/<name>} for files a test writes (backups). */
    public static Path scratchDirectory(String name) {
        Path dir = ROOT.resolve(name);
        deleteRecursively(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A child on an existing data directory (e.g. one a restore has just filled). */
    public static AppProcess on(String name, Path dataDir) {
        return new AppProcess(name, dataDir.toAbsolutePath());
    }

    /** A Spring property for the child, passed as {@code --key=value}. */
    public AppProcess property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** An environment variable for the child. */
    public AppProcess env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public AppProcess jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Starts the child on a free port and waits until it answers HTTP. */
    public AppProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        port = freePort();
        process = launch(List.of(), nextLog());
        awaitReady();
        return this;
    }

    /** Starts it again on the same data directory (after {@link #stop()} or {@link #kill9()}). */
    public AppProcess restart() {
        if (process != null && process.isAlive()) {
            stop();
        }
        return start();
    }

    /**
     * Runs the application once more as a command on the same data directory, e.g. {@code --kaa.backup=FILE},
     * and waits for it to exit; it may run while this child serves requests.
     */
    public CommandResult command(Duration timeout, String... args) {
        Path log = nextLog();
        Process command = launch(List.of(args), log);
        try {
            if (!command.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                command.destroyForcibly();
                throw new IllegalStateException("The command " + List.of(args) + " did not end within " + timeout
                        + ":\n" + tail(log, 40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new CommandResult(command.exitValue(), readLines(log));
    }

    /** What a command printed and its exit code. */
    public record CommandResult(int exitCode, List<String> output) {
        public String text() {
            return String.join("\n", output);
        }
    }

    /** Starts another child on the same data directory without waiting for it, e.g. to see it refused. */
    public Process startSecondInstance(Path log) {
        int otherPort = freePort();
        List<String> command = commandLine(List.of(), otherPort);
        return spawn(command, log);
    }

    /** {@code kill -9}: the JVM dies at once; whatever it started (its PostgreSQL) keeps running. */
    public void kill9() {
        process.destroyForcibly();
        awaitExit(process);
    }

    /** SIGTERM, as a service manager stops it, and waits for the exit; returns the exit code. */
    public int stop() {
        process.destroy();
        awaitExit(process);
        return process.exitValue();
    }

    /** SIGTERM without waiting, e.g. to see what happens to a request in flight. */
    public void signalStop() {
        process.destroy();
    }

    /** Waits for the JVM to exit (e.g. after {@link #signalStop()}) and returns its exit code. */
    public int awaitExit() {
        awaitExit(process);
        return process.exitValue();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The embedded PostgreSQL's data directory ({@code KAA_DATA_DIR/postgres}). */
    public Path pgData() {
        return dataDir.resolve("postgres");
    }

    /** The pid of the embedded postmaster from {@code postmaster.pid}, if the file is there. */
    public Optional<Long> postmasterPid() {
        return postmasterPidFile().map(lines -> Long.parseLong(lines.get(0).trim()));
    }

    /** The embedded PostgreSQL's port from {@code postmaster.pid} (its fourth line). */
    public Optional<Integer> postgresPort() {
        return postmasterPidFile().filter(lines -> lines.size() > 3).map(lines -> Integer.parseInt(lines.get(3).trim()));
    }

    private Optional<List<String>> postmasterPidFile() {
        Path file = pgData().resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? Optional.empty() : Optional.of(lines);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The log of the current (or last) start. */
    public Path logFile() {
        return logFile;
    }

    public List<String> logLines() {
        return readLines(logFile);
    }

    /** Waits for a line of the current start's log to match; returns it. */
    public String awaitLog(Predicate<String> line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> found = logLines().stream().filter(line).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No matching line in the log of " + name + " within " + timeout
                        + ":\n" + tail(logFile, 40));
            }
            sleep(100);
        }
    }

    public String awaitLog(String contains, Duration timeout) {
        return awaitLog(l -> l.contains(contains), timeout);
    }

    /** GET with an optional {@code Authorization} header value; never throws on a refused connection (status 0). */
    public HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** HTTP Basic for the administrator. */
    public static String adminBasicAuth() {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stops the child if it runs, then any PostgreSQL it left behind, and scans its logs for a
     * personnummer in clear.
     */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopOrphanedPostgres();
        for (Path log : logs) {
            PersonnummerLogScanner.scanFile("child " + name + " (" + log.getFileName() + ")", readLines(log));
        }
    }

    /** After a {@code kill -9} the child's PostgreSQL runs on: end it so it does not outlive the test. */
    private void stopOrphanedPostgres() {
        postmasterPid().flatMap(ProcessHandle::of).filter(p -> p.info().command().map(c -> c.endsWith("postgres"))
                .orElse(false)).ifPresent(postmaster -> {
                    postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown
                    try {
                        postmaster.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        postmaster.destroyForcibly();
                    }
                });
    }

    private Path nextLog() {
        starts++;
        try {
            Files.createDirectories(ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = ROOT.resolve(name + "-" + starts + ".log");
        logs.add(log);
        return log;
    }

    private Process launch(List<String> extraArgs, Path log) {
        List<String> command = commandLine(extraArgs, port);
        Process started = spawn(command, log);
        if (extraArgs.isEmpty()) {
            logFile = log;
        }
        return started;
    }

    private List<String> commandLine(List<String> extraArgs, int serverPort) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("se.kaa.KaaApplication");
        command.add("--server.port=" + serverPort);
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        command.addAll(extraArgs);
        return command;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Process spawn(List<String> command, Path log) {
        try {
            Files.createDirectories(dataDir);
            shareBinaries(dataDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> childEnv = builder.environment();
            // the child's settings are the ones given here, never the machine's
            childEnv.keySet().removeIf(k -> k.startsWith("KAA_") || k.startsWith("SPRING_") || k.equals("SERVER_PORT"));
            childEnv.put("KAA_DATA_DIR", dataDir.toString());
            childEnv.putAll(env);
            Process started = builder.start();
            CHILDREN.add(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every child unpacks the same PostgreSQL binaries: point its {@code pg-binaries} at one copy. */
    private static void shareBinaries(Path dataDir) throws IOException {
        Path link = dataDir.resolve("pg-binaries");
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(SHARED_BINARIES);
            Files.createSymbolicLink(link, SHARED_BINARIES);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest ping = HttpRequest.newBuilder(uri(READY_PATH)).timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n"
                        + tail(logFile, 60));
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " did not answer within " + START_TIMEOUT + ":\n" + tail(logFile, 60));
    }

    private static void awaitExit(Process process) {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The process " + process.pid() + " did not exit within " + STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> readLines(Path file) {
        if (file == null || !Files.exists(file)) {
            return List.of();
        }
        try {
            return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file, int lines) {
        List<String> all = readLines(file);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Children a test forgot to close do not outlive the test JVM. */
    private static final List<Process> CHILDREN = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.stream().filter(Process::isAlive)
                .forEach(Process::destroyForcibly), "app-process-reaper"));
    }
}
