package se.kaa.casework.worklist;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.kaa.casework.cases.CaseStates.ContactState;
import se.kaa.casework.cases.CaseStates.DeadlineClock;
import se.kaa.casework.cases.CaseStates;
import se.kaa.casework.cases.OccupationExpiry;
import se.kaa.casework.settings.CaseworkSettings;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;

/**
 * The worklist: the open cases of one municipality with what is due on each, in one set-based
 * statement. The facts the contact state and the deadline clocks are read from are the ones kept in
 * {@code casework_case_state} (see {@link CaseStates}: counted from the current entry day, struck-out
 * attempts left out); the municipality's targets or the defaults and today (a closed case's closing
 * day, {@link CaseStates#asOf}) are applied here as there; {@code WorklistTest} checks both agree.
 *
 * <p>Categories (a case may be in several):
 * <ul>
 * <li>{@code ATTEMPT_DUE}: the next attempt due of the latest attempt (as {@link CaseStates} reads it) is today or earlier;</li>
 * <li>{@code FOLLOW_UP_DUE}: a measure neither ended nor declined has a follow-up date today or earlier;</li>
 * <li>{@code TURNING_20}: her 20th birthday is today or within {@value #TURNING_20_DAYS} days;</li>
 * <li>{@code MEASURE_ENDING}: a measure neither ended nor declined ends today or within {@value #MEASURE_ENDING_DAYS} days;</li>
 * <li>{@code NEW}: entered (opened or reopened) less than {@value #NEW_DAYS} days ago and no attempt yet;</li>
 * <li>{@code NOT_CONTACTED}: not reached since entry;</li>
 * <li>{@code OCCUPATION_STALE}: her latest occupation is stale today ({@link OccupationExpiry}: verified
 * its type's days ago or more). Without any recorded occupation a case is not stale: nothing was verified that could expire,
 * and such a case is found under {@code NEW} and {@code NOT_CONTACTED}.</li>
 * </ul>
 * Urgency: cases with an overdue clock first, most days overdue first; then by the first category in
 * the order above; then the longest waiting (earliest entry) first. A user's own cases can be put
 * before all others ({@link #list(MunicipalityCode, Filter, int, int, String)}).
 */
@Component
public class Worklist {

    /** In order of priority. */
    public enum Category { ATTEMPT_DUE, FOLLOW_UP_DUE, TURNING_20, MEASURE_ENDING, NEW, NOT_CONTACTED, OCCUPATION_STALE }

    public static final int NEW_DAYS = 7;
    public static final int MEASURE_ENDING_DAYS = 14;
    public static final int TURNING_20_DAYS = 60;

    /**
     * What to list. {@code assignee}: that user's cases; {@code unassigned}: cases without one; neither:
     * everyone's. Null fields do not filter. {@code caseIds}, when given, limits to those cases – the
     * counts, loads and schools of the page too.
     */
    public record Filter(String assignee, boolean unassigned, String reason, Integer age, String school,
                         boolean overdueOnly, Category category, Collection<Long> caseIds) {

        public static Filter everything() {
            return new Filter(null, false, null, null, null, false, null, null);
        }

        public Filter withCaseIds(Collection<Long> ids) {
            return new Filter(assignee, unassigned, reason, age, school, overdueOnly, category, ids);
        }
    }

    public record Row(long caseId, UUID personId, String pnr, String givenName, String familyName, LocalDate birthDate,
                      int age, boolean protectedIdentity, String reason, LocalDate entered, String school,
                      String assignee, long version, ContactState contact, LocalDate nextAttemptDue,
                      DeadlineClock firstAttempt, DeadlineClock firstContact, DeadlineClock firstMeasure,
                      LocalDate followUp, LocalDate measureEnds, LocalDate turns20, String occupationType,
                      LocalDate occupationExpires, Set<Category> categories, int overdueDays) {

        public boolean overdue() {
            return overdueDays > 0;
        }

        public String displayName() {
            String name = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
            return name.isEmpty() ? "–" : name;
        }
    }

    /** One case worker's (null: nobody's) open cases and how many of them are overdue. */
    public record WorkerLoad(String assignee, long cases, long overdue) {
    }

    /**
     * A page of rows; {@code total}: rows matching the whole filter; {@code counts}: per category for
     * the filter without its category; {@code overdue}: overdue cases matching the filter without its
     * category; {@code workers}: per case worker over all open cases of the municipality; {@code schools}:
     * the school units of all open cases' latest enrolments, for the filter.
     */
    public record Page(List<Row> rows, long total, long all, Map<Category, Long> counts, long overdue,
                       List<WorkerLoad> workers, List<String> schools) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Worklist(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Narrow rows for every open case (what the filters, counts, order and categories need), then the
     * page's 50 rows joined to the person and the kept facts for what the line shows. Ages and the
     * 20th birthday are birth-date ranges computed in Java ({@link PersonalIdentityNumber#bornOnOrBefore}),
     * a measure's end date is only looked for in the few cases that have one. The birth date is looked up
     * per case (a scalar subquery on the primary key): as a join the planner hashed the whole person table
     * – 700,000 rows in a national installation, more than half the query's time for one municipality.
     */
    private static final String FLAGGED = """
            WITH open AS MATERIALIZED (
                SELECT c.id, c.person_id, c.municipality, c.entered, c.reason, c.assignee, c.closed_on,
                       (SELECT p.birth_date FROM person p WHERE p.id = c.person_id) AS birth_date
                FROM casework_case c WHERE c.municipality = :municipality AND c.status = 'OPEN' OPEN_IDS
            ),
            flagged AS (
                SELECT c.id, c.person_id, c.entered, c.reason, c.assignee, c.birth_date, sch.school_unit_code,
                       COALESCE(s.first_attempt_days, :fa) AS fa_days,
                       COALESCE(s.first_contact_days, :fc) AS fc_days,
                       COALESCE(s.first_measure_days, :fm) AS fm_days,
                       ASOF AS as_of,
                       st.occupation_verified_on + COALESCE(ox.days, DEFAULT_DAYS) AS occupation_expires,
                       st.next_attempt_due <= TODAY AS attempt_due,
                       st.follow_up <= TODAY AS follow_up_due,
                       c.birth_date > :turning20After AND c.birth_date <= :turning20By AS turning_20,
                       cardinality(st.measure_ends) > 0
                           AND EXISTS (SELECT FROM unnest(st.measure_ends) AS e WHERE e BETWEEN TODAY AND TODAY + :ending)
                           AS measure_ending,
                       st.first_attempt IS NULL AND TODAY - c.entered < :newDays AS is_new,
                       st.first_contact IS NULL AS not_contacted,
                       STALE_OCCUPATION AS occupation_stale,
                       GREATEST(CASE WHEN st.first_attempt IS NULL THEN ASOF - c.entered - COALESCE(s.first_attempt_days, :fa) END,
                                CASE WHEN st.first_contact IS NULL THEN ASOF - c.entered - COALESCE(s.first_contact_days, :fc) END,
                                CASE WHEN st.first_measure IS NULL THEN ASOF - c.entered - COALESCE(s.first_measure_days, :fm) END,
                                0) AS overdue_days
                FROM open c
                LEFT JOIN casework_case_state st ON st.case_id = c.id
                LEFT JOIN casework_settings s ON s.municipality = c.municipality
                LEFT JOIN LATERAL (LATEST_SCHOOL) sch ON true
                LEFT JOIN casework_occupation_expiry ox ON ox.municipality = c.municipality AND ox.type = st.occupation_type
            ),
            filtered AS (
                SELECT f.*, CASE WHEN f.attempt_due THEN 0 WHEN f.follow_up_due THEN 1 WHEN f.turning_20 THEN 2
                                 WHEN f.measure_ending THEN 3 WHEN f.is_new THEN 4 WHEN f.not_contacted THEN 5
                                 WHEN f.occupation_stale THEN 6 ELSE 7 END AS priority
                FROM flagged f
                WHERE (CAST(:assignee AS text) IS NULL OR f.assignee = :assignee)
                  AND (NOT :unassigned OR f.assignee IS NULL)
                  AND (CAST(:reason AS text) IS NULL OR f.reason = :reason)
                  AND (CAST(:bornAfter AS date) IS NULL OR f.birth_date > :bornAfter AND f.birth_date <= :bornBy)
                  AND (CAST(:school AS text) IS NULL OR f.school_unit_code = :school)
                  AND (NOT :overdueOnly OR f.overdue_days > 0)
            ),
            selected AS (SELECT * FROM filtered WHERE %s),
            counts AS (
                SELECT (SELECT count(*) FROM selected) AS total, count(*) AS all_count,
                       count(*) FILTER (WHERE attempt_due) AS n_attempt_due,
                       count(*) FILTER (WHERE follow_up_due) AS n_follow_up_due,
                       count(*) FILTER (WHERE turning_20) AS n_turning_20,
                       count(*) FILTER (WHERE measure_ending) AS n_measure_ending,
                       count(*) FILTER (WHERE is_new) AS n_new,
                       count(*) FILTER (WHERE not_contacted) AS n_not_contacted,
                       count(*) FILTER (WHERE occupation_stale) AS n_occupation_stale,
                       count(*) FILTER (WHERE overdue_days > 0) AS n_overdue
                FROM filtered),
            workers AS (
                SELECT array_agg(assignee ORDER BY assignee NULLS FIRST) AS w_assignee,
                       array_agg(n ORDER BY assignee NULLS FIRST) AS w_cases,
                       array_agg(o ORDER BY assignee NULLS FIRST) AS w_overdue,
                       (SELECT array_agg(DISTINCT school_unit_code ORDER BY school_unit_code) FROM flagged
                        WHERE school_unit_code IS NOT NULL) AS w_schools
                FROM (SELECT assignee, count(*) AS n, count(*) FILTER (WHERE overdue_days > 0) AS o
                      FROM flagged GROUP BY assignee) g),
            page AS (
                SELECT * FROM selected
                ORDER BY COALESCE(assignee = CAST(:first AS text), false) DESC,
                         overdue_days > 0 DESC, overdue_days DESC, priority, entered, id
                LIMIT :limit OFFSET :offset)
            SELECT counts.*, workers.*, page.*, c.version, p.pnr, p.given_name, p.family_name, p.protected_identity,
                   st.first_attempt, st.first_contact, st.last_outcome, st.next_attempt_due, st.first_measure,
                   st.follow_up, st.occupation_type,
                   (SELECT min(e) FROM unnest(st.measure_ends) AS e WHERE e >= TODAY) AS ends
            FROM counts CROSS JOIN workers LEFT JOIN page ON true
            LEFT JOIN casework_case c ON c.id = page.id
            LEFT JOIN person p ON p.id = page.person_id
            LEFT JOIN casework_case_state st ON st.case_id = page.id
            ORDER BY COALESCE(page.assignee = CAST(:first AS text), false) DESC,
                     page.overdue_days > 0 DESC, page.overdue_days DESC, page.priority, page.entered, page.id
            """;

    /**
     * The school unit of a person's ({@code PERSON}) latest enrolment begun by today: the one definition,
     * for every case of the worklist and for a closed case's summary ({@link #latestSchool}).
     */
    private static final String LATEST_SCHOOL = """
            SELECT en.school_unit_code FROM enrolment en
            WHERE en.person_id = PERSON AND en.start_date <= TODAY
            ORDER BY en.start_date DESC, en.id DESC LIMIT 1""";

    private static final Map<Category, String> COLUMNS = new EnumMap<>(Map.of(
            Category.ATTEMPT_DUE, "attempt_due", Category.FOLLOW_UP_DUE, "follow_up_due",
            Category.TURNING_20, "turning_20", Category.MEASURE_ENDING, "measure_ending", Category.NEW, "is_new",
            Category.NOT_CONTACTED, "not_contacted", Category.OCCUPATION_STALE, "occupation_stale"));

    private record Query(String sql, Map<String, Object> params) {
    }

    private Query query(MunicipalityCode municipality, Filter filter, int page, int size, LocalDate today,
                        String first) {
        // the default expiry of each occupation type as an expression: joined as a VALUES list, it was
        // hashed again for each of the municipality's open cases
        String defaults = CaseworkSettings.DEFAULT_OCCUPATION_EXPIRY.entrySet().stream()
                .map(e -> " WHEN '" + e.getKey() + "' THEN " + e.getValue())
                .collect(Collectors.joining("", "(CASE st.occupation_type", " END)"));
        String where = filter.category() == null ? "true" : "COALESCE(" + COLUMNS.get(filter.category()) + ", false)";
        String sql = FLAGGED.formatted(where)
                // only when asked for some cases: a condition PostgreSQL cannot fold away costs the whole list
                .replace("OPEN_IDS", filter.caseIds() == null ? "" : "AND c.id = ANY (CAST(:ids AS bigint[]))")
                .replace("STALE_OCCUPATION", OccupationExpiry.staleSql(
                        "st.occupation_verified_on + COALESCE(ox.days, DEFAULT_DAYS)", "TODAY"))
                .replace("LATEST_SCHOOL", LATEST_SCHOOL.replace("PERSON", "c.person_id"))
                .replace("ASOF", CaseStates.asOf("TODAY", "c"))
                .replace("DEFAULT_DAYS", defaults)
                .replace("TODAY", "CAST(:today AS date)");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("today", today);
        params.put("municipality", municipality.value());
        params.put("fa", CaseStates.DEFAULT_FIRST_ATTEMPT_DAYS);
        params.put("fc", CaseStates.DEFAULT_FIRST_CONTACT_DAYS);
        params.put("fm", CaseStates.DEFAULT_FIRST_MEASURE_DAYS);
        // her 20th birthday today or within TURNING_20_DAYS: 20 by then, not yet 20 yesterday
        params.put("turning20After", PersonalIdentityNumber.bornOnOrBefore(20, today.minusDays(1)));
        params.put("turning20By", PersonalIdentityNumber.bornOnOrBefore(20, today.plusDays(TURNING_20_DAYS)));
        params.put("ending", MEASURE_ENDING_DAYS);
        params.put("newDays", NEW_DAYS);
        params.put("assignee", filter.assignee());
        params.put("unassigned", filter.unassigned());
        params.put("reason", filter.reason());
        // aged A: A or older (born on or before the date for A), not A + 1 or older
        params.put("bornAfter", filter.age() == null ? null : PersonalIdentityNumber.bornOnOrBefore(filter.age() + 1, today));
        params.put("bornBy", filter.age() == null ? null : PersonalIdentityNumber.bornOnOrBefore(filter.age(), today));
        params.put("school", filter.school());
        params.put("overdueOnly", filter.overdueOnly());
        params.put("ids", filter.caseIds() == null ? null
                : filter.caseIds().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
        params.put("first", first);
        params.put("limit", size);
        params.put("offset", (long) page * size);
        return new Query(sql, params);
    }

    /** The plan of the query with run times (EXPLAIN ANALYZE), for the benchmark. */
    public String explain(MunicipalityCode municipality, Filter filter, int page, int size) {
        Query q = query(municipality, filter, page, size, LocalDate.now(clock), null);
        return String.join("\n", jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + q.sql()).params(q.params()).query(String.class).list());
    }

    public Page list(MunicipalityCode municipality, Filter filter, int page, int size) {
        return list(municipality, filter, page, size, null);
    }

    /**
     * The worklist's row of one open case – what its line on the worklist says, read by the same query
     * (the case page's summary shows its next step from it); empty when the case is closed.
     */
    public Optional<Row> row(MunicipalityCode municipality, long caseId) {
        return list(municipality, Filter.everything().withCaseIds(List.of(caseId)), 0, 1).rows().stream().findFirst();
    }

    /** The school unit of her latest enrolment begun by today, as her worklist line shows it (a closed case has none). */
    public Optional<String> latestSchool(UUID personId) {
        return jdbc.sql(LATEST_SCHOOL.replace("PERSON", "CAST(:person AS uuid)").replace("TODAY", "CAST(:today AS date)"))
                .param("person", personId).param("today", LocalDate.now(clock)).query(String.class).optional()
                .map(String::strip);
    }

    /** As {@link #list(MunicipalityCode, Filter, int, int)}, the cases of {@code first} (a user name) before the others. */
    public Page list(MunicipalityCode municipality, Filter filter, int page, int size, String first) {
        LocalDate today = LocalDate.now(clock);
        Query q = query(municipality, filter, page, size, today, first);
        List<Row> rows = new ArrayList<>();
        Object[] head = new Object[1];
        jdbc.sql(q.sql()).params(q.params()).query(rs -> {
            if (head[0] == null) {
                head[0] = header(rs);
            }
            if (rs.getObject("id") != null) {
                rows.add(row(rs));
            }
        });
        Page h = (Page) head[0];
        return new Page(rows, h.total(), h.all(), h.counts(), h.overdue(), h.workers(), h.schools());
    }

    private static Page header(ResultSet rs) throws SQLException {
        Map<Category, Long> counts = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            counts.put(c, rs.getLong("n_" + c.name().toLowerCase(java.util.Locale.ROOT)));
        }
        List<WorkerLoad> workers = new ArrayList<>();
        Array a = rs.getArray("w_assignee");
        if (a != null) {
            Object[] names = (Object[]) a.getArray();
            Object[] cases = (Object[]) rs.getArray("w_cases").getArray();
            Object[] overdue = (Object[]) rs.getArray("w_overdue").getArray();
            for (int i = 0; i < names.length; i++) {
                workers.add(new WorkerLoad((String) names[i], ((Number) cases[i]).longValue(),
                        ((Number) overdue[i]).longValue()));
            }
        }
        List<String> schools = new ArrayList<>();
        Array sa = rs.getArray("w_schools");
        if (sa != null) {
            for (Object o : (Object[]) sa.getArray()) {
                schools.add(((String) o).strip());
            }
        }
        return new Page(List.of(), rs.getLong("total"), rs.getLong("all_count"), counts, rs.getLong("n_overdue"), workers,
                schools);
    }

    private static Row row(ResultSet rs) throws SQLException {
        LocalDate entered = date(rs, "entered");
        LocalDate asOf = date(rs, "as_of");
        LocalDate birthDate = date(rs, "birth_date");
        LocalDate firstAttempt = date(rs, "first_attempt");
        LocalDate firstContact = date(rs, "first_contact");
        ContactState contact = CaseStates.contactState(rs.getString("last_outcome"), firstAttempt, firstContact);
        Set<Category> categories = EnumSet.noneOf(Category.class);
        for (Category c : Category.values()) {
            if (rs.getBoolean(COLUMNS.get(c))) {
                categories.add(c);
            }
        }
        return new Row(rs.getLong("id"), rs.getObject("person_id", UUID.class), rs.getString("pnr"),
                rs.getString("given_name"), rs.getString("family_name"), birthDate,
                PersonalIdentityNumber.ageOn(birthDate, asOf), rs.getBoolean("protected_identity"), rs.getString("reason"),
                entered, rs.getString("school_unit_code"), rs.getString("assignee"), rs.getLong("version"), contact,
                date(rs, "next_attempt_due"),
                CaseStates.clock(entered, firstAttempt, rs.getInt("fa_days"), asOf),
                CaseStates.clock(entered, firstContact, rs.getInt("fc_days"), asOf),
                CaseStates.clock(entered, date(rs, "first_measure"), rs.getInt("fm_days"), asOf),
                date(rs, "follow_up"), date(rs, "ends"), birthDate.plusYears(20), rs.getString("occupation_type"),
                date(rs, "occupation_expires"), categories, rs.getInt("overdue_days"));
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }
}
