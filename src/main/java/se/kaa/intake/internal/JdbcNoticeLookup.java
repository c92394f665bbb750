package se.kaa.intake.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.NoticeLookup;
import se.kaa.intake.NoticeType;
import se.kaa.intake.SchoolNotice;
import se.kaa.intake.SchoolType;
import se.kaa.security.AccessScope;
import se.kaa.shared.MunicipalityCode;

@Repository
public class JdbcNoticeLookup implements NoticeLookup {

    private static final String COLUMNS = """
            id, type, municipality, school_unit_code, organiser, school_type, programme, notice_date, end_reason,
            absence_from, absence_to, absence_hours, received_at, submitted_by""";

    private final JdbcTemplate jdbc;

    JdbcNoticeLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<SchoolNotice> noticesFor(UUID personId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notice WHERE person_id = ? ORDER BY received_at DESC, id DESC",
                JdbcNoticeLookup::noticeOf, personId);
    }

    /**
     * The notice if the user may see it: a skolrapportör only her own receipts for her own school
     * units, anyone else notices of the municipalities she is granted.
     */
    public Optional<SchoolNotice> findVisible(long id, AccessScope scope) {
        return find(id).filter(n -> scope.limitedToOwnSchoolUnits()
                ? n.submittedBy().equals(scope.username()) && scope.grantsSchoolUnit(n.schoolUnitCode())
                : scope.grants(n.municipality()));
    }

    public Optional<SchoolNotice> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notice WHERE id = ?", JdbcNoticeLookup::noticeOf, id)
                .stream().findFirst();
    }

    /** A notice she sent earlier, with the person it is about. */
    public record Sent(SchoolNotice notice, UUID personId) {
    }

    /**
     * The notices this user sent, newest first, at most {@code limit} – of the units and municipalities
     * the scope still grants (a skolrapportör moved to another school no longer sees the old one's).
     */
    public List<Sent> sentBy(AccessScope scope, int limit) {
        boolean own = scope.limitedToOwnSchoolUnits();
        String[] granted = own ? scope.schoolUnits().toArray(String[]::new)
                : scope.municipalities().stream().map(MunicipalityCode::value).toArray(String[]::new);
        return jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT " + COLUMNS + ", person_id FROM notice WHERE submitted_by = ? AND "
                    + (own ? "school_unit_code" : "municipality") + " = ANY (?) ORDER BY received_at DESC, id DESC LIMIT ?");
            ps.setString(1, scope.username());
            ps.setArray(2, con.createArrayOf("text", granted));
            ps.setInt(3, limit);
            return ps;
        }, (rs, n) -> new Sent(noticeOf(rs, n), rs.getObject("person_id", UUID.class)));
    }

    /** The person a notice is about, for the audit log. */
    public List<UUID> personOf(long id) {
        return jdbc.queryForList("SELECT person_id FROM notice WHERE id = ?", UUID.class, id);
    }

    private static SchoolNotice noticeOf(ResultSet rs, int n) throws SQLException {
        String schoolType = rs.getString("school_type");
        String endReason = rs.getString("end_reason");
        return new SchoolNotice(rs.getLong("id"), NoticeType.valueOf(rs.getString("type")),
                MunicipalityCode.of(rs.getString("municipality")), rs.getString("school_unit_code"),
                rs.getString("organiser"), schoolType == null ? null : SchoolType.valueOf(schoolType),
                rs.getString("programme"), rs.getObject("notice_date", LocalDate.class),
                endReason == null ? null : EnrolmentEndReason.valueOf(endReason),
                rs.getObject("absence_from", LocalDate.class), rs.getObject("absence_to", LocalDate.class),
                rs.getBigDecimal("absence_hours"), rs.getTimestamp("received_at").toInstant(),
                rs.getString("submitted_by"));
    }
}
