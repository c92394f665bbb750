package se.kaa.intake.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.intake.ImportFollowUps;

/** Keeps the follow-up state and the effects of each batch on its {@code import_batch} row. */
@Repository
class JdbcImportFollowUps implements ImportFollowUps {

    /** The counts stored under a key of {@code effects} plus those of a parameter, key by key. */
    private static final String SUM = """
            SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (
                SELECT k, sum(n)::int AS n FROM (
                    SELECT key AS k, value::int AS n FROM jsonb_each_text(coalesce(effects -> '%1$s', '{}'))
                    UNION ALL SELECT key, value::int FROM jsonb_each_text(?::jsonb)) x
                GROUP BY k) y""";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    JdbcImportFollowUps(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void addMembershipEffects(long batchId, Map<String, Integer> entered, Map<String, Integer> left) {
        if (entered.isEmpty() && left.isEmpty()) {
            return;
        }
        jdbc.update("""
                UPDATE import_batch SET effects = effects || jsonb_build_object(
                    'entered', (%1$s), 'left', (%2$s))
                WHERE id = ?""".formatted(SUM.formatted("entered"), SUM.formatted("left")),
                Json.counts(entered), Json.counts(left), batchId);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void addCaseEffects(long batchId, int opened, int reopened, int closed, int withdrawn) {
        if (opened + reopened + closed + withdrawn == 0) {
            return;
        }
        jdbc.update("""
                UPDATE import_batch SET effects = effects || jsonb_build_object(
                    'casesOpened', coalesce((effects ->> 'casesOpened')::int, 0) + ?,
                    'casesReopened', coalesce((effects ->> 'casesReopened')::int, 0) + ?,
                    'casesClosed', coalesce((effects ->> 'casesClosed')::int, 0) + ?,
                    'casesWithdrawn', coalesce((effects ->> 'casesWithdrawn')::int, 0) + ?)
                WHERE id = ?""", opened, reopened, closed, withdrawn, batchId);
    }

    @Override
    @Transactional
    public void done(long batchId) {
        jdbc.update("UPDATE import_batch SET follow_up = 'DONE', follow_up_error = NULL, follow_up_at = ? WHERE id = ?",
                Timestamp.from(clock.instant()), batchId);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(long batchId, Throwable error) {
        // Only the kind of error: a message could quote data (never a personnummer on a page).
        jdbc.update("""
                UPDATE import_batch SET follow_up = 'FAILED', follow_up_error = ?, follow_up_at = ?
                WHERE id = ? AND follow_up IS DISTINCT FROM 'DONE'""",
                error.getClass().getSimpleName(), Timestamp.from(clock.instant()), batchId);
    }
}
