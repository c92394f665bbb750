package se.kaa.intake.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import se.kaa.intake.FactSource;
import se.kaa.intake.ImportKind;
import se.kaa.intake.ImportReport;
import se.kaa.shared.MunicipalityCode;

/** Reads import batches, their reports and rejected rows (for the API, the batch pages and the download). */
@Repository
public class ImportBatches {

    /** A batch as listed in the history and shown on its page. */
    public record Batch(long id, ImportKind kind, String municipality, LocalDate asOf, String fileName,
                        String encoding, String status, int rowsTotal, int rowsAccepted, int rowsRejected,
                        List<String> warnings, String uploadedBy, Instant receivedAt, Instant completedAt,
                        String followUp, String followUpError, String decidedBy, Instant decidedAt,
                        String decisionReason) {

        /** When it was received, Swedish time, for screens. */
        public String received() {
            return SWEDISH_TIME.format(receivedAt);
        }

        /** When a person decided on it, Swedish time, for screens. */
        public String decided() {
            return decidedAt == null ? null : SWEDISH_TIME.format(decidedAt);
        }

        public boolean held() {
            return AWAITING_CONFIRMATION.equals(status);
        }

        /** Applied, so it can be withdrawn. */
        public boolean applied() {
            return COMPLETED.equals(status);
        }
    }

    public static final String COMPLETED = "COMPLETED";
    public static final String AWAITING_CONFIRMATION = "AWAITING_CONFIRMATION";
    public static final String DISCARDED = "DISCARDED";
    public static final String WITHDRAWN = "WITHDRAWN";

    private static final java.time.format.DateTimeFormatter SWEDISH_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Europe/Stockholm"));

    /** A rejected row with its personnummer masked, for screens. */
    public record RejectedRow(int row, String maskedLine, List<ImportReport.RowError> errors) {
    }

    private static final String BATCH_COLUMNS = """
            id, source, municipality, as_of, file_name, encoding, status, rows_total, rows_accepted, rows_rejected,
            ARRAY(SELECT jsonb_array_elements_text(warnings)) AS warnings, uploaded_by, received_at, completed_at,
            follow_up, follow_up_error, decided_by, decided_at, decision_reason""";

    private final JdbcTemplate jdbc;
    private final IntakeProperties properties;
    private final IntakeMessages messages;

    ImportBatches(JdbcTemplate jdbc, IntakeProperties properties, IntakeMessages messages) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.messages = messages;
    }

    /**
     * The batch of the same file; for folkbokföring, of the same file as a snapshot of the same date.
     * A discarded or withdrawn batch is not one: the same file may be imported again.
     */
    Optional<Long> findByHash(FactSource source, MunicipalityCode municipality, String sha256, LocalDate asOf) {
        return jdbc.query("""
                SELECT id FROM import_batch WHERE source = ? AND municipality = ? AND sha256 = ?
                AND (source <> 'FOLKBOKFORING' OR as_of = ?) AND status NOT IN ('DISCARDED', 'WITHDRAWN')""",
                (rs, n) -> rs.getLong(1), source.name(), municipality.value(), sha256, asOf).stream().findFirst();
    }

    public Optional<Batch> batch(long id) {
        return jdbc.query("SELECT " + BATCH_COLUMNS + " FROM import_batch WHERE id = ?", ImportBatches::batchOf, id)
                .stream().findFirst();
    }

    /** The known persons of a batch's rejected rows, for the audit log of who read them. */
    public List<java.util.UUID> rejectedPersons(long batchId) {
        return jdbc.queryForList("""
                SELECT DISTINCT p.id FROM import_rejected_row r JOIN person p ON p.pnr = r.pnr
                WHERE r.batch_id = ? AND r.pnr IS NOT NULL""", java.util.UUID.class, batchId);
    }

    /** The latest batches of the given municipalities (those the user is granted). */
    public List<Batch> recent(int limit, java.util.Collection<MunicipalityCode> municipalities) {
        String[] codes = municipalities.stream().map(MunicipalityCode::value).toArray(String[]::new);
        return jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT " + BATCH_COLUMNS
                    + " FROM import_batch WHERE municipality = ANY (?) ORDER BY received_at DESC, id DESC LIMIT ?");
            ps.setArray(1, con.createArrayOf("text", codes));
            ps.setInt(2, limit);
            return ps;
        }, ImportBatches::batchOf);
    }

    /** The report of a batch; errors are listed up to {@code kaa.intake.report-error-limit}. */
    public Optional<ImportReport> report(long id, boolean duplicate) {
        return batch(id).map(b -> {
            int limit = properties.reportErrorLimit();
            List<ImportReport.RowError> errors = jdbc.query("""
                    SELECT r.row_number, e.value ->> 'column', e.value ->> 'message'
                    FROM import_rejected_row r CROSS JOIN LATERAL jsonb_array_elements(r.errors) WITH ORDINALITY AS e(value, o)
                    WHERE r.batch_id = ? ORDER BY r.row_number, e.o LIMIT ?""",
                    (rs, n) -> new ImportReport.RowError(rs.getInt(1), rs.getString(2), rs.getString(3)), id, limit + 1);
            List<String> warnings = new ArrayList<>(b.warnings());
            if (errors.size() > limit) {
                errors = errors.subList(0, limit);
                Integer total = jdbc.queryForObject(
                        "SELECT coalesce(sum(jsonb_array_length(errors)), 0)::int FROM import_rejected_row WHERE batch_id = ?",
                        Integer.class, id);
                warnings.add(messages.get("intake.warning.errors-truncated", limit, total));
            }
            return new ImportReport(b.id(), b.status(), b.rowsTotal(), b.rowsAccepted(), b.rowsRejected(),
                    List.copyOf(errors), List.copyOf(warnings), duplicate, b.followUp(), b.followUpError(),
                    effects(id), hold(id), decision(b));
        });
    }

    /** What the batch did, once its follow-up ran; {@code null} before. */
    public ImportReport.Effects effects(long id) {
        Map<String, Integer> entered = new java.util.TreeMap<>();
        Map<String, Integer> left = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT 'entered', key, value::int FROM import_batch, jsonb_each_text(coalesce(effects -> 'entered', '{}'))
                WHERE id = ?
                UNION ALL
                SELECT 'left', key, value::int FROM import_batch, jsonb_each_text(coalesce(effects -> 'left', '{}'))
                WHERE id = ?""", rs -> {
            ("entered".equals(rs.getString(1)) ? entered : left).put(rs.getString(2), rs.getInt(3));
        }, id, id);
        return jdbc.query("""
                SELECT (effects -> 'entered') IS NOT NULL OR (effects -> 'casesOpened') IS NOT NULL OR follow_up = 'DONE',
                       coalesce((effects ->> 'casesOpened')::int, 0), coalesce((effects ->> 'casesReopened')::int, 0),
                       coalesce((effects ->> 'casesClosed')::int, 0), coalesce((effects ->> 'casesWithdrawn')::int, 0)
                FROM import_batch WHERE id = ?""", rs -> {
            if (!rs.next() || !rs.getBoolean(1)) {
                return null;
            }
            return new ImportReport.Effects(Map.copyOf(entered), Map.copyOf(left), rs.getInt(2), rs.getInt(3),
                    rs.getInt(4), rs.getInt(5));
        }, id);
    }

    /** Why the batch was held and what applying it would do; {@code null} if it was not held. */
    public ImportReport.Hold hold(long id) {
        return jdbc.query("""
                SELECT ARRAY(SELECT jsonb_array_elements_text(hold -> 'reasons')), (hold ->> 'listed')::int,
                       (hold ->> 'previousListed')::int, (hold ->> 'previousBatch')::bigint, (hold ->> 'movedOut')::int,
                       (hold ->> 'casesClosing')::bigint
                FROM import_batch WHERE id = ? AND hold IS NOT NULL""", rs -> {
            if (!rs.next()) {
                return null;
            }
            return new ImportReport.Hold(List.of((String[]) rs.getArray(1).getArray()), rs.getInt(2), rs.getInt(3),
                    rs.getLong(4), rs.getInt(5), rs.getLong(6));
        }, id);
    }

    private static ImportReport.Decision decision(Batch b) {
        if (b.decidedBy() == null) {
            return null;
        }
        String kind = switch (b.status()) {
            case DISCARDED -> "DISCARDED";
            case WITHDRAWN -> "WITHDRAWN";
            default -> "CONFIRMED";
        };
        return new ImportReport.Decision(kind, b.decidedBy(), b.decidedAt(), b.decisionReason());
    }

    /** Rejected rows for the batch page, personnummer masked. */
    public List<RejectedRow> rejectedRows(long batchId, int limit) {
        Map<Integer, RejectedRow> rows = new LinkedHashMap<>();
        jdbc.query("""
                SELECT r.row_number, r.raw_line, e.value ->> 'column', e.value ->> 'message'
                FROM (SELECT * FROM import_rejected_row WHERE batch_id = ? ORDER BY row_number LIMIT ?) r
                CROSS JOIN LATERAL jsonb_array_elements(r.errors) WITH ORDINALITY AS e(value, o)
                ORDER BY r.row_number, e.o""", rs -> {
            RejectedRow row = rows.computeIfAbsent(rs.getInt(1),
                    n -> new RejectedRow(n, CsvLines.maskPins(rsString(rs, 2)), new ArrayList<>()));
            row.errors().add(new ImportReport.RowError(row.row(), rs.getString(3), rs.getString(4)));
        }, batchId, limit);
        return List.copyOf(rows.values());
    }

    /**
     * Writes the rejected rows as a file to correct and upload again: the original header plus a
     * {@code fel} column, then each rejected row as it was, with its errors. {@code false} when
     * there is no such batch.
     */
    public boolean writeRejectedCsv(long batchId, Writer out) {
        List<String> header = jdbc.query("SELECT header_line FROM import_batch WHERE id = ?",
                (rs, n) -> rs.getString(1), batchId);
        if (header.isEmpty()) {
            return false;
        }
        try {
            out.write('\uFEFF'); // so that Excel opens it as UTF-8
            out.write((header.get(0) == null ? "" : header.get(0)) + ";" + Header.ERROR_COLUMN + "\r\n");
            int after = 0;
            while (true) {
                int[] last = {-1};
                jdbc.query("""
                        SELECT row_number, raw_line,
                               (SELECT string_agg(coalesce(e ->> 'column', '') || ': ' || (e ->> 'message'), ' | ')
                                FROM jsonb_array_elements(errors) e)
                        FROM import_rejected_row WHERE batch_id = ? AND row_number > ? ORDER BY row_number LIMIT 1000""",
                        rs -> {
                            last[0] = rs.getInt(1);
                            try {
                                out.write(rs.getString(2) + ";" + CsvLines.quote(rs.getString(3)) + "\r\n");
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }, batchId, after);
                if (last[0] < 0) {
                    break;
                }
                after = last[0];
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private static String rsString(ResultSet rs, int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Batch batchOf(ResultSet rs, int n) throws SQLException {
        Array warnings = rs.getArray("warnings");
        return new Batch(rs.getLong("id"), ImportKind.valueOf(rs.getString("source")), rs.getString("municipality"),
                rs.getObject("as_of", LocalDate.class), rs.getString("file_name"), rs.getString("encoding"),
                rs.getString("status"), rs.getInt("rows_total"), rs.getInt("rows_accepted"), rs.getInt("rows_rejected"),
                warnings == null ? List.of() : List.of((String[]) warnings.getArray()), rs.getString("uploaded_by"),
                instant(rs.getTimestamp("received_at")), instant(rs.getTimestamp("completed_at")),
                rs.getString("follow_up"), rs.getString("follow_up_error"), rs.getString("decided_by"),
                instant(rs.getTimestamp("decided_at")), rs.getString("decision_reason"));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
