package se.kaa.targetgroup.internal;

import java.time.LocalDate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;
import se.kaa.targetgroup.EntryKind;
import se.kaa.targetgroup.ReasonForRegistration;

/**
 * The read model of the target group: who is a member on a date, filtered and counted. The latest
 * school is read from the enrolments held by intake (a read model may join across modules).
 */
@Repository
public class MemberQueries {

    /** Filters; {@code null} means no filter. */
    public record Filter(ReasonForRegistration reason, Integer age, String schoolUnitCode, LocalDate enteredSince) {
        public static Filter none() {
            return new Filter(null, null, null, null);
        }
    }

    public record Member(
            UUID personId, PersonalIdentityNumber pin, String givenName, String familyName, boolean protectedIdentity,
            LocalDate entered, ReasonForRegistration reason, EntryKind entryKind, int age, String latestSchool,
            String latestOrganiser) {

        public String displayName() {
            String name = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
            return name.isEmpty() ? pin.masked() : name;
        }
    }

    public record Page(List<Member> members, long total, Map<ReasonForRegistration, Long> countsByReason) {
    }

    public record School(String code, String organiser) {
    }

    private static final String MEMBERS_OF = """
            FROM membership_episode e
            JOIN person p ON p.id = e.person_id
            LEFT JOIN LATERAL (
                SELECT en.school_unit_code, en.organiser FROM enrolment en
                WHERE en.person_id = e.person_id AND en.start_date <= :date
                  AND en.school_type IN ('GY', 'GYS', 'GR', 'GRS')
                ORDER BY en.start_date DESC, en.id DESC LIMIT 1) s ON true
            WHERE e.municipality = :municipality
              AND e.entered <= :date AND (e.exited IS NULL OR e.exited > :date)
              AND (p.birth_date + interval '20 years')::date > :date
            """;

    private static final String FILTERS = """
              AND (CAST(:reason AS text) IS NULL OR e.reason = :reason)
              AND (CAST(:age AS integer) IS NULL OR date_part('year', age(:date, p.birth_date)) = :age)
              AND (CAST(:school AS text) IS NULL OR s.school_unit_code = :school)
              AND (CAST(:enteredSince AS date) IS NULL OR e.entered >= :enteredSince)
            """;

    private final JdbcClient jdbc;

    MemberQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Page members(MunicipalityCode municipality, LocalDate date, Filter filter, int page, int size) {
        Map<String, Object> params = params(municipality, date, filter);
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<Member> members = jdbc.sql("""
                SELECT e.person_id, p.pnr, p.given_name, p.family_name, p.protected_identity, e.entered, e.reason,
                       e.entry_kind, date_part('year', age(:date, p.birth_date))::int AS age,
                       s.school_unit_code, s.organiser
                """ + MEMBERS_OF + FILTERS + """
                ORDER BY p.family_name NULLS LAST, p.given_name NULLS LAST, p.pnr
                LIMIT :limit OFFSET :offset""")
                .params(params)
                .query((rs, n) -> new Member(
                        rs.getObject(1, UUID.class), PersonalIdentityNumber.ofStored(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getObject(6, LocalDate.class),
                        ReasonForRegistration.valueOf(rs.getString(7)), EntryKind.valueOf(rs.getString(8)),
                        rs.getInt(9), rs.getString(10), rs.getString(11)))
                .list();
        Map<ReasonForRegistration, Long> counts = new EnumMap<>(ReasonForRegistration.class);
        long[] total = {0};
        jdbc.sql("SELECT e.reason, count(*) " + MEMBERS_OF + FILTERS + " GROUP BY e.reason")
                .params(params(municipality, date, filter))
                .query(rs -> {
                    long c = rs.getLong(2);
                    counts.put(ReasonForRegistration.valueOf(rs.getString(1)), c);
                    total[0] += c;
                });
        return new Page(members, total[0], counts);
    }

    /** The schools members' latest enrolments were at, for the filter. */
    public List<School> schools(MunicipalityCode municipality, LocalDate date) {
        return jdbc.sql("SELECT DISTINCT s.school_unit_code, s.organiser " + MEMBERS_OF
                        + " AND s.school_unit_code IS NOT NULL ORDER BY s.school_unit_code")
                .params(params(municipality, date, Filter.none()))
                .query((rs, n) -> new School(rs.getString(1), rs.getString(2)))
                .list();
    }

    private static Map<String, Object> params(MunicipalityCode municipality, LocalDate date, Filter filter) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("municipality", municipality.value());
        params.put("date", date);
        params.put("reason", filter.reason() == null ? null : filter.reason().name());
        params.put("age", filter.age());
        params.put("school", filter.schoolUnitCode());
        params.put("enteredSince", filter.enteredSince());
        return params;
    }

    /** Every stored episode of a person, newest first. */
    public List<StoredEpisodeView> episodesOf(UUID personId) {
        return jdbc.sql("""
                SELECT id, municipality, entered, reason, entry_kind, rule_set, exited, exit_reason, computed_at
                FROM membership_episode WHERE person_id = ? ORDER BY entered DESC""")
                .param(personId)
                .query((rs, n) -> new StoredEpisodeView(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class),
                        rs.getString(8), rs.getTimestamp(9).toInstant()))
                .list();
    }

    public record StoredEpisodeView(long id, String municipality, LocalDate entered, String reason, String entryKind,
                                    String ruleSet, LocalDate exited, String exitReason, java.time.Instant computedAt) {
    }

}
