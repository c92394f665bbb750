package se.kaa.platform;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs scheduled and start-up jobs once across all instances that share the database (a municipality
 * may run two behind a load balancer). One mechanism for every job: a PostgreSQL advisory lock per job,
 * held on a connection of its own while the job runs – so a job never runs on two instances at once, and
 * the lock goes with the connection if an instance dies – and, for a job with a {@link Slot}, a row in
 * {@code platform_job_run} per slot, so that an instance whose trigger comes later in the same slot
 * sees that the job is done. Use it with {@link ClusterJob} on the job's method, or call
 * {@link #runOnce} directly.
 */
@Component
public class ClusterJobs {

    /** How often a job may run across all instances. */
    public enum Slot {
        /**
         * Once per calendar day (the application clock's, Swedish time) across all instances: the nightly
         * jobs. A run that failed, or whose instance died, may be run again by a later trigger that day.
         */
        DAY,
        /**
         * Once for instances that start together: skipped when a run of the same job started less than
         * {@link ClusterJobs#STARTUP_WINDOW} ago on any instance (a restart of both instances, a rolling
         * upgrade). An instance that starts later on its own (after a crash) runs it again.
         */
        STARTUP,
        /** Never on two instances at the same time, otherwise as often as it is triggered (the outbox sender). */
        EXCLUSIVE
    }

    /** Instances started within this time of each other share one run of a {@link Slot#STARTUP} job. */
    public static final Duration STARTUP_WINDOW = Duration.ofMinutes(10);

    /** The first key of every job's advisory lock ("KAJB"); the second is the job name's hash. */
    static final int LOCK_SPACE = 0x4B414A42;

    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final String instance;

    ClusterJobs(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        // pid@host, and a random part for two application contexts in one JVM (the tests start two)
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + HexFormat.of().formatHex(random);
    }

    /** This instance, as written to {@code platform_job_run}: {@code pid@host/random}. */
    public String instance() {
        return instance;
    }

    /**
     * Runs {@code work} here unless another instance is running the job now or has already run it in
     * this slot; true when it ran here. An exception of the work is thrown on, after the run is recorded
     * as failed.
     */
    public boolean runOnce(String job, Slot slot, Runnable work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("Job " + job + ": no database connection for its lock", e);
        }
        boolean unlocked = false;
        try {
            connection.setAutoCommit(true);
            if (!tryLock(connection, job)) {
                log.debug("Job {} is running on another instance: not started here", job);
                unlocked = true;
                return false;
            }
            try {
                Long run = claim(connection, job, slot);
                if (slot != Slot.EXCLUSIVE && run == null) {
                    return false;
                }
                boolean done = false;
                try {
                    work.run();
                    done = true;
                } finally {
                    if (run != null) {
                        finish(connection, run, done);
                    }
                }
                return true;
            } finally {
                unlocked = unlock(connection, job);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Job " + job + ": its lock or run record failed", e);
        } finally {
            close(connection, unlocked);
        }
    }

    private static boolean tryLock(Connection connection, String job) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            s.setInt(1, LOCK_SPACE);
            s.setInt(2, key(job));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean unlock(Connection connection, String job) {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            s.setInt(1, LOCK_SPACE);
            s.setInt(2, key(job));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            log.warn("Job {}: releasing its lock failed; the connection is closed instead", job, e);
            return false;
        }
    }

    /** The job's run row for this slot, or null when the slot is served (or the job has no slot). */
    private Long claim(Connection connection, String job, Slot slot) throws SQLException {
        Instant now = clock.instant();
        String key;
        switch (slot) {
            case EXCLUSIVE:
                return null;
            case DAY:
                key = LocalDate.now(clock).toString();
                break;
            case STARTUP:
                try (PreparedStatement s = connection.prepareStatement("""
                        SELECT instance, started_at FROM platform_job_run
                        WHERE job = ? AND slot LIKE 'start %' AND outcome = 'DONE' AND started_at > ? AND started_at <= ?
                        ORDER BY started_at DESC LIMIT 1""")) {
                    s.setString(1, job);
                    s.setTimestamp(2, Timestamp.from(now.minus(STARTUP_WINDOW)));
                    s.setTimestamp(3, Timestamp.from(now));
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            log.info("Start-up job {} already ran at {} on instance {}: not run again here", job,
                                    rs.getTimestamp(2).toInstant(), rs.getString(1));
                            return null;
                        }
                    }
                }
                key = "start " + now;
                break;
            default:
                throw new IllegalArgumentException(slot.name());
        }
        try (PreparedStatement s = connection.prepareStatement("""
                INSERT INTO platform_job_run (job, slot, instance, started_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (job, slot) DO UPDATE
                    SET instance = EXCLUDED.instance, started_at = EXCLUDED.started_at, finished_at = NULL, outcome = NULL
                    WHERE platform_job_run.outcome IS DISTINCT FROM 'DONE'
                RETURNING id""")) {
            s.setString(1, job);
            s.setString(2, key);
            s.setString(3, instance);
            s.setTimestamp(4, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        log.info("Job {} already ran for {}: not run again", job, key);
        return null;
    }

    private void finish(Connection connection, long run, boolean done) {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE platform_job_run SET finished_at = ?, outcome = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setString(2, done ? "DONE" : "FAILED");
            s.setLong(3, run);
            s.executeUpdate();
        } catch (SQLException e) {
            // the run itself is over; a later trigger in the slot may repeat it, which every job tolerates
            log.warn("Recording the end of job run {} failed", run, e);
        }
    }

    /** Returns the connection to the pool; one that may still hold a lock is closed for good instead. */
    private void close(Connection connection, boolean unlocked) {
        try {
            if (!unlocked && dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)) {
                dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).evictConnection(connection);
            } else {
                connection.close();
            }
        } catch (SQLException e) {
            log.warn("Closing a job lock's connection failed", e);
        }
    }

    /** The second key of the job's lock: {@link String#hashCode()}, which Java specifies, so every instance agrees. */
    static int key(String job) {
        return job.hashCode();
    }
}
