package se.kaa.targetgroup.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import se.kaa.audit.SystemJob;

/**
 * "Recompute now": an administrator brings the whole group, and with it every case, up to date with
 * the facts – after a crash left them behind, or to check – without waiting for the nightly run.
 * The request is recorded with an event publication and run in the background; were the process to
 * die meanwhile, it is resubmitted at the next start.
 */
@Service
public class RecomputeRequests {

    /** A request, as the page shows it. */
    public record Request(long id, String requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt,
                          Integer persons) {

        public boolean running() {
            return finishedAt == null;
        }
    }

    /** Published with a request; handled in the background after its commit. */
    public record RecomputationRequested(long requestId) {
    }

    private static final Logger log = LoggerFactory.getLogger(RecomputeRequests.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Recomputation recomputation;
    private final ApplicationEventPublisher events;

    RecomputeRequests(JdbcClient jdbc, Clock clock, Recomputation recomputation, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.recomputation = recomputation;
        this.events = events;
    }

    /** Records the request and starts it after the commit; an unfinished one is reused, not doubled. */
    @Transactional
    public long request(String username) {
        List<Long> running = jdbc.sql("SELECT id FROM targetgroup_recompute_request WHERE finished_at IS NULL FOR UPDATE")
                .query(Long.class).list();
        if (!running.isEmpty()) {
            return running.get(0);
        }
        long id = jdbc.sql("""
                INSERT INTO targetgroup_recompute_request (requested_by, requested_at) VALUES (?, ?) RETURNING id""")
                .params(username, Timestamp.from(clock.instant())).query(Long.class).single();
        events.publishEvent(new RecomputationRequested(id));
        return id;
    }

    @Async
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void on(RecomputationRequested event) {
        SystemJob.run("recompute", () -> run(event.requestId()));
    }

    void run(long id) {
        jdbc.sql("UPDATE targetgroup_recompute_request SET started_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), id).update();
        Recomputation.Result result = recomputation.recomputeAll("requested " + id);
        jdbc.sql("UPDATE targetgroup_recompute_request SET finished_at = ?, persons = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), result.persons(), id).update();
        log.info("Recomputation {} requested by an administrator: {} persons", id, result.persons());
    }

    /**
     * A recomputation run, as the page shows it: why (a message key and its argument, from the run's
     * cause), when, and what it changed.
     */
    public record Run(String causeKey, String causeArg, boolean full, Instant startedAt, Instant finishedAt,
                      int persons, int episodesWritten, int episodesDeleted) {
    }

    /** The latest runs, newest first. */
    public List<Run> latestRuns(int limit) {
        return jdbc.sql("""
                SELECT cause, full_run, started_at, finished_at, persons, episodes_written, episodes_deleted
                FROM recomputation_run ORDER BY id DESC LIMIT ?""").param(limit)
                .query((rs, n) -> {
                    String cause = rs.getString(1);
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)").matcher(cause);
                    String number = m.find() ? m.group(1) : "";
                    String key = cause.equals("daily") ? "daily" : cause.equals("start") ? "start"
                            : cause.startsWith("requested") ? "requested" : cause.contains("withdrawn") ? "withdrawn"
                            : cause.contains("confirmed") ? "confirmed" : cause.contains("import batch") ? "import"
                            : cause.startsWith("notice") ? "notice" : "other";
                    return new Run("targetgroup.recompute.cause." + key, number, rs.getBoolean(2),
                            instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)), rs.getInt(5), rs.getInt(6),
                            rs.getInt(7));
                }).list();
    }

    /** The latest requests, newest first. */
    public List<Request> latest(int limit) {
        return jdbc.sql("""
                SELECT id, requested_by, requested_at, started_at, finished_at, persons
                FROM targetgroup_recompute_request ORDER BY id DESC LIMIT ?""").param(limit)
                .query((rs, n) -> new Request(rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), (Integer) rs.getObject(6)))
                .list();
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
