package se.kaa.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Completes follow-up work that was recorded but not done (docs/architecture.md, "Durable follow-up
 * work"): the recomputation after an import, the case lifecycle after a recomputation, the handover
 * after a closing. Each is an event publication recorded in the transaction that made it necessary.
 *
 * <ul>
 *   <li>At start, publications left incomplete by an earlier run of the application (it died, or
 *       was stopped, before they completed) are resubmitted at once, in the background.</li>
 *   <li>Every minute, publications that failed (a listener threw; or, after
 *       {@code spring.modulith.events.staleness.*}, one that another instance never finished) are
 *       resubmitted, each at most once per {@code kaa.platform.follow-up-retry-delay}.</li>
 * </ul>
 * The follow-ups are idempotent and serialised by advisory locks, so a resubmission that meets the
 * original still running does no harm.
 */
@Component
public class FollowUpRecovery {

    private static final Logger log = LoggerFactory.getLogger(FollowUpRecovery.class);

    private final JdbcTemplate jdbc;
    private final ClusterJobs jobs;
    private final FailedEventPublications failed;
    private final Clock clock;
    private final Duration retryDelay;
    private final Instant started;

    FollowUpRecovery(JdbcTemplate jdbc, ClusterJobs jobs, FailedEventPublications failed, Clock clock,
                     @Value("${kaa.platform.follow-up-retry-delay:1m}") Duration retryDelay) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.failed = failed;
        this.clock = clock;
        this.retryDelay = retryDelay;
        this.started = clock.instant(); // the registry dates publications by the same clock
    }

    /**
     * In the background at every start, never on two instances at once. Not a {@link ClusterJobs.Slot#STARTUP}
     * job: a restart seconds after a crash must not skip it because the killed run had done it at its
     * own start – the work it resubmits is exactly what the crash left behind.
     */
    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        Thread thread = new Thread(() -> jobs.runOnce("follow-up-recovery", ClusterJobs.Slot.EXCLUSIVE,
                this::recoverAfterStart), "kaa-follow-up-recovery");
        thread.setDaemon(true);
        thread.start();
    }

    /** Resubmits what an earlier run of the application left incomplete. */
    public int recoverAfterStart() {
        int orphans = jdbc.update("""
                UPDATE event_publication SET status = 'FAILED'
                WHERE completion_date IS NULL AND status IS DISTINCT FROM 'FAILED' AND publication_date < ?""",
                Timestamp.from(started));
        if (orphans > 0) {
            log.warn("{} follow-up(s) left incomplete by an earlier run are done now", orphans);
        }
        return resubmit(Duration.ZERO);
    }

    /** Resubmits failed follow-ups, each at most once per retry delay. */
    @Scheduled(fixedDelayString = "${kaa.platform.follow-up-retry-interval:1m}",
            initialDelayString = "${kaa.platform.follow-up-retry-interval:1m}")
    @ClusterJob("follow-up-retry")
    public void retryFailed() {
        resubmit(retryDelay);
    }

    private int resubmit(Duration delay) {
        Instant due = clock.instant().minus(delay);
        int[] count = {0};
        failed.resubmit(ResubmissionOptions.defaults().withBatchSize(1000).withFilter(p -> {
            boolean take = p.getLastResubmissionDate() == null || p.getLastResubmissionDate().isBefore(due);
            if (take) {
                count[0]++;
            }
            return take;
        }));
        return count[0];
    }
}
