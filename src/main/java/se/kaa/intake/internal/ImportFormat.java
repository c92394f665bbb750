package se.kaa.intake.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import se.kaa.intake.ImportKind;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;

/**
 * One canonical CSV format: its columns, how a row is validated, the typed staging table its valid
 * rows are copied into, and the set-based SQL that applies the staged rows to the fact tables.
 */
abstract class ImportFormat {

    /** The temporary table valid rows are copied into; dropped when the import transaction ends. */
    static final String STAGE = "intake_stage";

    /** A valid row: the person and the values of {@link #stagingColumns()} in order. */
    record Staged(PersonalIdentityNumber pin, Object... values) {
    }

    /**
     * What the formats need while importing one file.
     *
     * @param referenceDate the date 10-digit numbers are resolved against and dates checked against
     *                      (the snapshot date, or today)
     */
    record Context(long batchId, ImportKind kind, MunicipalityCode municipality, LocalDate asOf,
                   LocalDate referenceDate, Instant receivedAt, JdbcTemplate jdbc) {
    }

    abstract ImportKind kind();

    /** The canonical columns, all required in the header (values may be optional). */
    abstract List<String> columns();

    /** Typed columns of the staging table after {@code row_number, raw_line, person_id}. */
    abstract List<String> stagingColumns();

    /** Validates a row; {@code null} when it has problems (then in {@code row.problems}). */
    abstract Staged parse(Row row, Context context);

    /** The staging columns that identify one fact; a later row with the same key is rejected. */
    abstract String duplicateKey();

    abstract String duplicateMessageKey();

    /** Applies the staged (valid, de-duplicated) rows to the fact tables. */
    abstract void apply(Context context);

    /**
     * Whether persons first seen in this file are created with their registered details (name, address,
     * protection) from {@link #newPersonDetails}, rather than created bare and given them by {@link #apply}.
     */
    boolean detailsAtCreation(Context context) {
        return false;
    }

    /** A new person's registered details from her row, when {@link #detailsAtCreation} says so. */
    se.kaa.person.RegisteredDetails newPersonDetails(Staged row, Context context) {
        return null;
    }

    /** The fact table {@link #apply} fills, analysed after a large file so that what follows plans on its real size. */
    abstract String factTable();

    String stagingDdl() {
        return "CREATE TEMPORARY TABLE " + STAGE + " (row_number integer NOT NULL, raw_line text NOT NULL, "
                + "person_id uuid NOT NULL, " + String.join(", ", stagingColumns()) + ") ON COMMIT DROP";
    }

    String copySql() {
        StringBuilder sql = new StringBuilder("COPY " + STAGE + " (row_number, raw_line, person_id");
        for (String column : stagingColumns()) {
            sql.append(", ").append(column, 0, column.indexOf(' '));
        }
        return sql.append(") FROM STDIN").toString();
    }
}
