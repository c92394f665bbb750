package se.kaa.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import se.kaa.platform.database.EmbeddedPostgresServer;

/**
 * For benchmarks: a thread of its own that samples {@code pg_stat_activity} every few milliseconds on
 * its own connection (none from the application's pool) and counts, for each active client statement,
 * its wait event and the statement itself – where the database's time goes, phase by phase. Each
 * sample is a moment: a statement seen in 60 of 400 samples took about 15 % of the database's time.
 */
public final class StatementSampler implements AutoCloseable {

    /** The wait event counted for a statement that is running, not waiting. */
    public static final String RUNNING = "(none: running)";

    private final EmbeddedPostgresServer database;
    private final int millis;
    private final Thread thread;
    private volatile boolean running = true;
    private final Map<String, Long> events = new LinkedHashMap<>();
    private final Map<String, Long> statements = new LinkedHashMap<>();
    private long sampled;
    private int samples;
    private volatile Exception failure;

    private StatementSampler(EmbeddedPostgresServer database, int millis) {
        this.database = database;
        this.millis = millis;
        this.thread = new Thread(this::run, "pg-stat-activity-sampler");
    }

    /** Starts sampling every {@code millis} ms. */
    public static StatementSampler start(EmbeddedPostgresServer database, int millis) {
        StatementSampler sampler = new StatementSampler(database, millis);
        sampler.thread.setDaemon(true);
        sampler.thread.start();
        return sampler;
    }

    /** Stops sampling and waits for the thread. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }

    private void run() {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            while (running) {
                long t = System.nanoTime();
                try (ResultSet rs = s.executeQuery("""
                        SELECT wait_event_type, wait_event, left(regexp_replace(query, '\\s+', ' ', 'g'), 100)
                        FROM pg_stat_activity
                        WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()""")) {
                    synchronized (this) {
                        samples++;
                        while (rs.next()) {
                            String type = rs.getString(1);
                            sampled++;
                            events.merge(type == null ? RUNNING : type + "/" + rs.getString(2), 1L, Long::sum);
                            statements.merge(rs.getString(3), 1L, Long::sum);
                        }
                    }
                }
                long sleep = millis - (System.nanoTime() - t) / 1_000_000;
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Forgets what was counted so far: the next phase starts from nothing. */
    public synchronized void reset() {
        events.clear();
        statements.clear();
        sampled = 0;
        samples = 0;
    }

    /** Active statements seen with this wait event ({@code "Lock/advisory"}, {@link #RUNNING} …). */
    public synchronized long waitingOn(String event) {
        return events.getOrDefault(event, 0L);
    }

    /** Active statements seen in all samples. */
    public synchronized long sampled() {
        return sampled;
    }

    public synchronized int samples() {
        return samples;
    }

    /** The {@code top} wait events, most frequent first. */
    public synchronized String topEvents(int top) {
        return top(events, top, ", ");
    }

    /** The {@code top} statements (their first 100 characters), most frequent first, one a line. */
    public synchronized String topStatements(int top) {
        return top(statements, top, "\n");
    }

    public String failure() {
        return failure == null ? null : "pg_stat_activity sampling failed: " + failure;
    }

    private static String top(Map<String, Long> counts, int top, String separator) {
        String listed = counts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(top)
                .map(e -> String.format("%5d  %s", e.getValue(), e.getKey())).collect(Collectors.joining(separator));
        return listed.isEmpty() ? "none" : listed;
    }
}
