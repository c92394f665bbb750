package se.kaa.platform.database;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Notices when the embedded PostgreSQL dies under the running application (killed, out of memory)
 * and starts it again on the same data directory and port, so that the connection pool reconnects
 * and requests succeed again; PostgreSQL's recovery keeps every commit it acknowledged
 * ({@code synchronous_commit=on}). If it cannot be started again within {@link #PATIENCE} the
 * application exits with {@value #EXIT_CODE} and one line saying why, for the service manager to
 * restart it ({@code Restart=on-failure}, docs/operations.md).
 */
final class DatabaseWatchdog implements SmartLifecycle {

    static final int EXIT_CODE = 70;
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(DatabaseWatchdog.class);
    private static final long INTERVAL_MILLIS = 500;

    enum State { UP, RESTARTING, FAILED }

    private final EmbeddedPostgresServer server;
    private volatile State state = State.UP;
    private volatile Thread thread;

    DatabaseWatchdog(EmbeddedPostgresServer server) {
        this.server = server;
    }

    State state() {
        return state;
    }

    @Override
    public void start() {
        Thread t = new Thread(this::watch, "kaa-database-watchdog");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops watching first thing at shutdown, so that stopping the database is not taken for a crash. */
    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void watch() {
        while (thread == Thread.currentThread()) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (thread == Thread.currentThread() && !server.isStopped() && !server.isAlive()) {
                recover();
            }
        }
    }

    private void recover() {
        state = State.RESTARTING;
        long started = System.nanoTime();
        log.error("The embedded PostgreSQL (pid {}) has stopped under the running application; starting it again on "
                + "the same data directory and port", server.postmasterPid().map(String::valueOf).orElse("?"));
        try {
            if (server.restartAfterCrash(PATIENCE)) {
                state = State.UP;
                log.warn("The embedded PostgreSQL runs again (pid {}) after {} ms; requests are answered again",
                        server.postmasterPid().map(String::valueOf).orElse("?"),
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
            }
        } catch (RuntimeException e) {
            state = State.FAILED;
            log.error("The embedded PostgreSQL could not be started again within {} s ({}); KAA exits with code {} so "
                    + "that the service manager restarts it", PATIENCE.toSeconds(), firstLine(e.getMessage()), EXIT_CODE);
            thread = null;
            System.exit(EXIT_CODE);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
