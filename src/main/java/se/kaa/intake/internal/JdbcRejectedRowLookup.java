package se.kaa.intake.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import se.kaa.intake.ImportKind;
import se.kaa.intake.RejectedRowLookup;
import se.kaa.shared.PersonalIdentityNumber;

@Repository
class JdbcRejectedRowLookup implements RejectedRowLookup {

    private final JdbcClient jdbc;

    JdbcRejectedRowLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<RejectedRow> rowsFor(PersonalIdentityNumber pin) {
        Map<Long, RejectedRow> rows = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT r.id, b.id, b.source, b.municipality, b.received_at, r.row_number, r.raw_line, r.status,
                       e.value ->> 'column', e.value ->> 'message'
                FROM import_rejected_row r JOIN import_batch b ON b.id = r.batch_id
                LEFT JOIN LATERAL jsonb_array_elements(r.errors) WITH ORDINALITY AS e(value, o) ON true
                WHERE r.pnr = ?
                ORDER BY b.received_at, r.row_number, e.o""")
                .param(pin.value())
                .query(rs -> {
                    RejectedRow row = rows.computeIfAbsent(rs.getLong(1), id -> {
                        try {
                            return new RejectedRow(rs.getLong(2), ImportKind.valueOf(rs.getString(3)), rs.getString(4),
                                    rs.getTimestamp(5).toInstant(), rs.getInt(6), rs.getString(7), new ArrayList<>(),
                                    rs.getString(8));
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    if (rs.getString(10) != null) {
                        row.errors().add(rs.getString(9) == null ? rs.getString(10) : rs.getString(9) + ": " + rs.getString(10));
                    }
                });
        return rows.values().stream()
                .map(r -> new RejectedRow(r.batchId(), r.kind(), r.municipality(), r.receivedAt(), r.rowNumber(),
                        r.rawLine(), List.copyOf(r.errors()), r.status()))
                .toList();
    }
}
