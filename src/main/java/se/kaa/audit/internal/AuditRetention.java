package se.kaa.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.platform.Installation;
import se.kaa.retention.RetentionClass;
import se.kaa.retention.RetentionParticipant;
import se.kaa.retention.RetentionPlanShown;
import se.kaa.retention.RetentionPolicy;
import se.kaa.shared.MunicipalityCode;

/**
 * Retention of the audit log: removes the oldest entries once each is past its municipality's time
 * (an entry without a municipality, e.g. a search of the log, keeps the longest time of any served
 * municipality). Only a prefix of the log is removed – it stops at the first entry not yet due – and in
 * each chain the hash of its last removed entry becomes the chain's start, so the rest stays verifiable.
 */
@Component
class AuditRetention implements RetentionParticipant {

    private record Prefix(long lastId, Map<MunicipalityCode, Integer> counts, int total) {
    }

    private final JdbcTemplate jdbc;
    private final Installation installation;
    private final Clock clock;
    private final AuditLog log;
    private final JdbcAuditLog chains;

    AuditRetention(JdbcTemplate jdbc, Installation installation, Clock clock, AuditLog log, JdbcAuditLog chains) {
        this.chains = chains;
        this.jdbc = jdbc;
        this.installation = installation;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public RetentionClass dataClass() {
        return RetentionClass.AUDIT_LOG;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<MunicipalityCode, Integer> countDue(LocalDate asOf, Function<MunicipalityCode, RetentionPolicy> policies) {
        Prefix prefix = duePrefix(asOf, policies);
        return prefix == null ? Map.of() : prefix.counts();
    }

    @Override
    @Transactional
    public Map<MunicipalityCode, Integer> removeDue(LocalDate asOf, Function<MunicipalityCode, RetentionPolicy> policies) {
        chains.lockAllChains();
        Prefix prefix = duePrefix(asOf, policies);
        if (prefix == null) {
            return Map.of();
        }
        jdbc.queryForObject("SELECT set_config('kaa.audit.retention', 'on', true)", String.class);
        // each chain now starts at the hash of its last entry removed
        jdbc.update("""
                INSERT INTO audit_chain_start (chain, last_removed_id, prev_hash, removed, updated_at)
                SELECT chain, max(id), (array_agg(hash ORDER BY id DESC))[1], count(*), ?
                FROM audit_entry WHERE id <= ? GROUP BY chain
                ON CONFLICT (chain) DO UPDATE SET last_removed_id = EXCLUDED.last_removed_id,
                       prev_hash = EXCLUDED.prev_hash, removed = audit_chain_start.removed + EXCLUDED.removed,
                       updated_at = EXCLUDED.updated_at""",
                Timestamp.from(clock.instant()), prefix.lastId());
        jdbc.update("DELETE FROM audit_entry WHERE id <= ?", prefix.lastId());
        jdbc.queryForObject("SELECT set_config('kaa.audit.retention', 'off', true)", String.class);
        log.record(AuditEvent.write("AUDIT_LOG_RETAINED", null, List.of(),
                "retention removed " + prefix.total() + " entries up to " + prefix.lastId()));
        return prefix.counts();
    }

    /** Her removal (deleted or pseudonymised) is a write of her data, logged in the removal's transaction. */
    @Override
    public void beforePersonRemoved(UUID personId) {
        log.record(AuditEvent.write("PERSON_REMOVED_BY_RETENTION", null, List.of(personId), "retention run"));
    }

    /** The dry run's list of persons due, shown on the retention page, is a read of their data. */
    @EventListener
    void on(RetentionPlanShown shown) {
        log.record(AuditEvent.read("RETENTION_PLAN_SHOWN", null, shown.personIds(), "GET /admin/gallring"));
    }

    /** The oldest entries that are all due on {@code asOf}, or null when the oldest is not. */
    private Prefix duePrefix(LocalDate asOf, Function<MunicipalityCode, RetentionPolicy> policies) {
        Map<String, RetentionPolicy> byCode = new HashMap<>();
        RetentionPolicy longest = installation.servedMunicipalities().stream().map(policies)
                .max(Comparator.comparingInt(RetentionPolicy::months)).orElse(null);
        if (longest == null) {
            return null;
        }
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(1000);
        return streaming.query("SELECT id, occurred_at, municipality FROM audit_entry ORDER BY id", rs -> {
            long lastId = -1;
            int total = 0;
            Map<MunicipalityCode, Integer> counts = new HashMap<>();
            while (rs.next()) {
                String code = rs.getString("municipality");
                RetentionPolicy policy = code == null ? longest
                        : byCode.computeIfAbsent(code, c -> policies.apply(MunicipalityCode.of(c)));
                LocalDate day = LocalDate.ofInstant(rs.getTimestamp("occurred_at").toInstant(), clock.getZone());
                if (policy.dueOn(day).isAfter(asOf)) {
                    break;
                }
                lastId = rs.getLong("id");
                total++;
                if (code != null) {
                    counts.merge(MunicipalityCode.of(code), 1, Integer::sum);
                }
            }
            return total == 0 ? null : new Prefix(lastId, counts, total);
        });
    }
}
