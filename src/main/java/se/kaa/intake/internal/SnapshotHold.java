package se.kaa.intake.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import se.kaa.intake.ImportReport;
import se.kaa.intake.SnapshotImpact;

/**
 * Decides whether a staged folkbokföring snapshot may be applied at once or must wait for a person
 * to confirm it, and keeps a held snapshot's rows until then. A snapshot is held when it would move
 * out more of the municipality's residents than both limits allow (a share of those the previous
 * snapshot listed, default 10 %, and a number, default 25 – the share protects a large
 * municipality, the number a small one, and neither holds back a month's ordinary moves), or when
 * it lists fewer than a share (default 80 %) of the previous snapshot's residents. A partial file
 * uploaded by mistake – 3 rows after 192 – is then never applied unseen.
 */
@Component
class SnapshotHold {

    static final String MOVED_OUT = "MOVED_OUT";
    static final String FEW_LISTED = "FEW_LISTED";

    private final JdbcTemplate jdbc;
    private final IntakeProperties properties;
    private final ObjectProvider<SnapshotImpact> impact;

    SnapshotHold(JdbcTemplate jdbc, IntakeProperties properties, ObjectProvider<SnapshotImpact> impact) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.impact = impact;
    }

    /**
     * Why the snapshot staged in {@code intake_stage} must be held, with what applying it would do;
     * {@code null} when it may be applied. Call it in the import's transaction, after staging.
     */
    ImportReport.Hold assess(ImportFormat.Context context) {
        List<Long> previous = jdbc.queryForList("""
                SELECT id FROM import_batch
                WHERE source = 'FOLKBOKFORING' AND municipality = ? AND status = 'COMPLETED' AND as_of <= ? AND id <> ?
                ORDER BY as_of DESC, id DESC LIMIT 1""", Long.class,
                context.municipality().value(), context.asOf(), context.batchId());
        if (previous.isEmpty()) {
            return null; // the first snapshot moves nobody out
        }
        long previousBatch = previous.get(0);
        // listed: in an accepted row, or in a row rejected for another column (she is still listed)
        int listed = jdbc.queryForObject("""
                SELECT count(*) FROM (SELECT person_id FROM intake_stage
                                      UNION SELECT p.id FROM import_rejected_row r JOIN person p ON p.pnr = r.pnr
                                      WHERE r.batch_id = ?) x""", Integer.class, context.batchId());
        int previousListed = jdbc.queryForObject("SELECT count(*) FROM population_record WHERE batch_id = ?",
                Integer.class, previousBatch);
        int movedOut = jdbc.queryForObject("SELECT count(*) FROM (" + MOVED_OUT_SQL + ") m", Integer.class,
                previousBatch, context.asOf(), context.asOf(), context.batchId());
        IntakeProperties.Hold limits = properties.hold();
        List<String> reasons = new ArrayList<>();
        if (movedOut > limits.movedOutShare() * previousListed && movedOut > limits.movedOutCount()) {
            reasons.add(MOVED_OUT);
        }
        if (listed < limits.listedShare() * previousListed) {
            reasons.add(FEW_LISTED);
        }
        if (reasons.isEmpty()) {
            return null;
        }
        List<UUID> movedOutPersons = jdbc.queryForList(MOVED_OUT_SQL, UUID.class,
                previousBatch, context.asOf(), context.asOf(), context.batchId());
        SnapshotImpact cases = impact.getIfAvailable();
        long casesClosing = cases == null ? 0 : cases.openCasesAmong(context.municipality(), movedOutPersons);
        return new ImportReport.Hold(List.copyOf(reasons), listed, previousListed, previousBatch, movedOut, casesClosing);
    }

    /**
     * Persons the previous snapshot listed as living here, of snapshot age (15–20) on this one's date,
     * whom this one does not list – not even in a rejected row: they would count as moved out.
     */
    private static final String MOVED_OUT_SQL = """
            SELECT r.person_id FROM population_record r JOIN person p ON p.id = r.person_id
            WHERE r.batch_id = ? AND r.status = 'NORMAL'
              AND p.birth_date > CAST(? AS date) - INTERVAL '21 years'
              AND p.birth_date <= CAST(? AS date) - INTERVAL '15 years'
              AND NOT EXISTS (SELECT 1 FROM intake_stage s WHERE s.person_id = r.person_id)
              AND NOT EXISTS (SELECT 1 FROM import_rejected_row x WHERE x.batch_id = ? AND x.pnr = p.pnr)""";

    /** Keeps the staged rows of a held batch until it is confirmed or discarded. */
    void keep(long batchId) {
        jdbc.update("""
                INSERT INTO intake_held_row (batch_id, row_number, person_id, stage)
                SELECT ?, row_number, person_id, to_jsonb(s) FROM intake_stage s""", batchId);
    }

    /** Stages a held batch's rows again, in a new staging table of the import's format, to apply them. */
    void restage(long batchId, ImportFormat format) {
        jdbc.execute(format.stagingDdl());
        jdbc.update("""
                INSERT INTO intake_stage
                SELECT (jsonb_populate_record(NULL::intake_stage, stage)).* FROM intake_held_row
                WHERE batch_id = ? ORDER BY row_number""", batchId);
        jdbc.execute("CREATE INDEX ON " + ImportFormat.STAGE + " (row_number)");
        jdbc.execute("ANALYZE " + ImportFormat.STAGE);
    }

    /** Forgets a confirmed batch's held rows: they are now facts. */
    void release(long batchId) {
        jdbc.update("DELETE FROM intake_held_row WHERE batch_id = ?", batchId);
    }
}
