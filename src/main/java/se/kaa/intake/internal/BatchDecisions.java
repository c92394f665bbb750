package se.kaa.intake.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.intake.FactsChanged;
import se.kaa.intake.ImportKind;
import se.kaa.intake.ImportReport;
import se.kaa.person.PersonDirectory;
import se.kaa.person.RegisteredDetails;
import se.kaa.platform.ProblemException;
import se.kaa.shared.MunicipalityCode;

/**
 * A person's decisions on a batch: confirm a held snapshot (it is applied), discard it (nothing of it
 * ever counts), or withdraw an applied batch (its facts stop counting – kept in
 * {@code intake_withdrawn_fact}, what it changed restored – and the group and the cases follow, so
 * that cases it closed reopen with everything recorded on them). Each is one transaction, audited,
 * and publishes its follow-up with it.
 */
@Service
public class BatchDecisions {

    /** The longest reason kept for a decision. */
    public static final int MAX_REASON_LENGTH = 1000;

    private static final Logger log = LoggerFactory.getLogger(BatchDecisions.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ImportBatches batches;
    private final SnapshotHold hold;
    private final Map<ImportKind, ImportFormat> formats = new EnumMap<>(ImportKind.class);
    private final PersonDirectory persons;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    BatchDecisions(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock, ImportBatches batches,
                   SnapshotHold hold, List<ImportFormat> formats, PersonDirectory persons, AuditLog audit,
                   ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.batches = batches;
        this.hold = hold;
        formats.forEach(f -> this.formats.put(f.kind(), f));
        this.persons = persons;
        this.audit = audit;
        this.events = events;
    }

    /** Applies a held snapshot. 409 unless it is held. */
    public ImportReport confirm(long batchId, String username) {
        transaction.executeWithoutResult(status -> {
            ImportBatches.Batch batch = lock(batchId, ImportBatches.AWAITING_CONFIRMATION, "intake.decision.not-held");
            ImportFormat format = formats.get(batch.kind());
            ImportFormat.Context context = new ImportFormat.Context(batchId, batch.kind(),
                    MunicipalityCode.of(batch.municipality()), batch.asOf(),
                    batch.asOf() != null ? batch.asOf() : java.time.LocalDate.ofInstant(batch.receivedAt(), clock.getZone()),
                    batch.receivedAt(), jdbc);
            hold.restage(batchId, format);
            format.apply(context);
            hold.release(batchId);
            decide(batchId, ImportBatches.COMPLETED, username, null, true);
            String cause = batch.kind().path() + " import batch " + batchId + " confirmed";
            audit.record(AuditEvent.ofBatch("IMPORT_CONFIRMED", AuditEvent.Kind.WRITE, context.municipality(), batchId,
                    cause));
            events.publishEvent(FactsChanged.ofBatch(batchId, cause));
        });
        log.info("Import batch {} confirmed", batchId);
        return batches.report(batchId, false).orElseThrow();
    }

    /** Throws a held snapshot away unapplied (its rows are kept for the audit until retention). 409 unless held. */
    public ImportReport discard(long batchId, String username, String reason) {
        transaction.executeWithoutResult(status -> {
            ImportBatches.Batch batch = lock(batchId, ImportBatches.AWAITING_CONFIRMATION, "intake.decision.not-held");
            decide(batchId, ImportBatches.DISCARDED, username, reason, false);
            audit.record(AuditEvent.ofBatch("IMPORT_DISCARDED", AuditEvent.Kind.WRITE,
                    MunicipalityCode.of(batch.municipality()), batchId,
                    batch.kind().path() + " import batch " + batchId + " discarded"));
        });
        log.info("Import batch {} discarded", batchId);
        return batches.report(batchId, false).orElseThrow();
    }

    /**
     * Withdraws an applied batch: its facts stop counting and are kept apart, what it changed in facts
     * of other batches (an enrolment's end, an admission's decision) is restored, and names and
     * addresses fall back to the latest snapshot still applied. 409 unless it is applied.
     */
    public ImportReport withdraw(long batchId, String username, String reason) {
        transaction.executeWithoutResult(status -> {
            ImportBatches.Batch batch = lock(batchId, ImportBatches.COMPLETED, "intake.decision.not-applied");
            List<UUID> listed = batch.kind() == ImportKind.FOLKBOKFORING
                    ? jdbc.queryForList("SELECT DISTINCT person_id FROM population_record WHERE batch_id = ?", UUID.class,
                            batchId)
                    : List.of();
            restoreChanged(batchId);
            for (String table : List.of("population_record", "enrolment", "credential", "admission")) {
                jdbc.update("""
                        WITH gone AS (DELETE FROM %1$s WHERE batch_id = ? RETURNING *)
                        INSERT INTO intake_withdrawn_fact (batch_id, fact_table, person_id, fact)
                        SELECT ?, '%1$s', person_id, to_jsonb(gone) FROM gone""".formatted(table), batchId, batchId);
            }
            restoreDetails(listed);
            decide(batchId, ImportBatches.WITHDRAWN, username, reason, true);
            jdbc.update("UPDATE import_batch SET effects = '{}' WHERE id = ?", batchId); // the withdrawal's own, from now
            String cause = batch.kind().path() + " import batch " + batchId + " withdrawn";
            audit.record(AuditEvent.ofBatch("IMPORT_WITHDRAWN", AuditEvent.Kind.WRITE,
                    MunicipalityCode.of(batch.municipality()), batchId, cause));
            events.publishEvent(FactsChanged.ofBatch(batchId, cause));
        });
        log.info("Import batch {} withdrawn", batchId);
        return batches.report(batchId, false).orElseThrow();
    }

    /**
     * Puts back an enrolment's end and an admission's decision as they were before the batch changed
     * them – unless a later batch or notice changed them again, which then stands.
     */
    private void restoreChanged(long batchId) {
        jdbc.update("""
                WITH ch AS (
                    SELECT DISTINCT ON (c.enrolment_id) c.id, c.enrolment_id, c.previous FROM intake_fact_change c
                    WHERE c.batch_id = ? AND c.enrolment_id IS NOT NULL ORDER BY c.enrolment_id, c.id),
                kept AS (
                    INSERT INTO intake_withdrawn_fact (batch_id, fact_table, person_id, fact)
                    SELECT ?, 'enrolment_end', e.person_id, jsonb_build_object('enrolment_id', e.id,
                           'end_date', e.end_date, 'end_reason', e.end_reason)
                    FROM enrolment e JOIN ch ON ch.enrolment_id = e.id
                    WHERE e.batch_id IS DISTINCT FROM ?)
                UPDATE enrolment e SET end_date = (ch.previous ->> 'end_date')::date,
                       end_reason = ch.previous ->> 'end_reason', end_source = ch.previous ->> 'end_source',
                       end_batch_id = (ch.previous ->> 'end_batch_id')::bigint,
                       end_notice_id = (ch.previous ->> 'end_notice_id')::bigint,
                       end_received_at = (ch.previous ->> 'end_received_at')::timestamptz
                FROM ch
                WHERE e.id = ch.enrolment_id AND e.batch_id IS DISTINCT FROM ?
                  AND (e.end_batch_id = ? OR e.end_date IS NULL AND e.end_source IS NULL)
                  AND NOT EXISTS (SELECT 1 FROM intake_fact_change later
                                  WHERE later.enrolment_id = ch.enrolment_id AND later.id > ch.id)""",
                batchId, batchId, batchId, batchId, batchId);
        // An admission whose decision the batch changed goes back to the earlier decision and batch.
        jdbc.update("""
                WITH ch AS (
                    SELECT DISTINCT ON (c.admission_id) c.id, c.admission_id, c.previous FROM intake_fact_change c
                    WHERE c.batch_id = ? AND c.admission_id IS NOT NULL ORDER BY c.admission_id, c.id),
                kept AS (
                    INSERT INTO intake_withdrawn_fact (batch_id, fact_table, person_id, fact)
                    SELECT ?, 'admission_decision', a.person_id, jsonb_build_object('admission_id', a.id,
                           'decision', a.decision)
                    FROM admission a JOIN ch ON ch.admission_id = a.id WHERE a.batch_id = ?)
                UPDATE admission a SET decision = ch.previous ->> 'decision',
                       batch_id = (ch.previous ->> 'batch_id')::bigint,
                       received_at = (ch.previous ->> 'received_at')::timestamptz
                FROM ch WHERE a.id = ch.admission_id AND a.batch_id = ?""", batchId, batchId, batchId, batchId);
    }

    /** Name, address and protection of those the withdrawn snapshot listed, from the latest snapshot still applied. */
    private void restoreDetails(List<UUID> listed) {
        for (int from = 0; from < listed.size(); from += 5000) {
            UUID[] ids = listed.subList(from, Math.min(listed.size(), from + 5000)).toArray(UUID[]::new);
            List<RegisteredDetails> details = new ArrayList<>();
            jdbc.query(con -> {
                var ps = con.prepareStatement("""
                        SELECT DISTINCT ON (r.person_id) r.person_id, r.as_of, r.given_name, r.family_name, r.address,
                               r.postal_code, r.city, r.protected_identity
                        FROM population_record r JOIN import_batch b ON b.id = r.batch_id AND b.status = 'COMPLETED'
                        WHERE r.person_id = ANY (?) ORDER BY r.person_id, r.as_of DESC, r.id DESC""");
                ps.setArray(1, con.createArrayOf("uuid", ids));
                return ps;
            }, rs -> {
                details.add(new RegisteredDetails(rs.getObject(1, UUID.class), rs.getObject(2, java.time.LocalDate.class),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getBoolean(8)));
            });
            persons.correctRegisteredDetails(details);
        }
    }

    private ImportBatches.Batch lock(long batchId, String expected, String conflictKey) {
        ImportBatches.Batch batch = batches.batch(batchId).orElseThrow(() -> ProblemException.notFound("Import batch"));
        jdbc.queryForObject("SELECT id FROM import_batch WHERE id = ? FOR UPDATE", Long.class, batchId);
        String status = jdbc.queryForObject("SELECT status FROM import_batch WHERE id = ?", String.class, batchId);
        if (!expected.equals(status)) {
            throw new ProblemException(HttpStatus.CONFLICT, conflictKey,
                    "Import batch " + batchId + " is " + status + ", not " + expected);
        }
        return batch;
    }

    private void decide(long batchId, String status, String username, String reason, boolean followUp) {
        jdbc.update("""
                UPDATE import_batch SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?,
                       follow_up = CASE WHEN ? THEN 'PENDING' ELSE follow_up END, follow_up_error = NULL
                WHERE id = ?""", status, username, Timestamp.from(clock.instant()), reason, followUp, batchId);
    }
}
