package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import se.kaa.casework.cases.CaseStates;
import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The worklist over real HTTP (API and page), as a handläggare granted 2380, on 2026-11-22: each
 * category computed, the clocks equal to {@link CaseStates}, ordering by urgency, filters, counts,
 * grants and problem details.
 */
@KaaIntegrationTest
class WorklistTest {

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;
    @Autowired CaseStates states;

    WorklistFixtures f;
    WebSession http;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset(); // 2026-11-22
        users.ensure();
        f = new WorklistFixtures(jdbc);
        http = WebSession.api(port);
    }

    HttpResponse<String> api(String query) {
        return http.send(HttpRequest.newBuilder(http.uri("/api/v1/cases" + query))
                .header("Authorization", TestUsers.basic(Role.HANDLAGGARE)).GET().build());
    }

    JsonNode cases(String query) {
        HttpResponse<String> r = api(query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return WebSession.json(r);
    }

    static Set<String> categories(JsonNode c) {
        Set<String> s = new TreeSet<>();
        c.get("categories").forEach(n -> s.add(n.asString()));
        return s;
    }

    static JsonNode byId(JsonNode page, long id) {
        for (JsonNode c : page.get("cases")) {
            if (c.get("id").asLong() == id) {
                return c;
            }
        }
        throw new AssertionError("case " + id + " not listed");
    }

    @Test
    void everyCategoryIsComputedAndTheClocksAreThoseOfCaseStates() {
        long isNew = f.kase("200801012386", "Nya", "2380", "2026-11-20", "AVBROTT");
        long notContacted = f.kase("200801022385", "Ejkontakt", "2380", "2026-10-01", "AVBROTT");
        f.attempt(notContacted, "2026-10-05", "NO_ANSWER", null);
        long attemptDue = f.kase("200801032384", "Forsok", "2380", "2026-10-01", "AVBROTT");
        f.attempt(attemptDue, "2026-11-01", "NO_ANSWER", "2026-11-20");
        long followUp = f.kase("200801042383", "Uppfoljning", "2380", "2026-10-01", "STUDIEBEVIS");
        f.attempt(followUp, "2026-10-02", "REACHED", null);
        f.measure(followUp, "ACCEPTED", "2026-10-03", null, "2026-11-21");
        long ending = f.kase("200801082397", "Slutar", "2380", "2026-10-01", "STUDIEBEVIS");
        f.attempt(ending, "2026-10-02", "REACHED", null);
        f.measure(ending, "ACCEPTED", "2026-10-03", "2026-12-01", null);
        long turning = f.kase("200701012387", "Tjugo", "2380", "2026-10-01", "EJ_PABORJAT");
        f.attempt(turning, "2026-10-02", "REACHED", null);
        f.measure(turning, "OFFERED", "2026-10-03", null, null);
        long stale = f.kase("200801102385", "Inaktuell", "2380", "2026-10-01", "EJ_PABORJAT");
        f.attempt(stale, "2026-10-02", "REACHED", null);
        f.measure(stale, "ENDED", "2026-10-03", "2026-11-30", "2026-11-01"); // ended: neither due nor ending
        f.occupation(stale, "WORK", "2026-07-01"); // + 90 days = 2026-09-29
        long fresh = f.kase("200801152380", "Aktuell", "2380", "2026-10-01", "EJ_PABORJAT");
        f.attempt(fresh, "2026-10-02", "REACHED", null);
        f.measure(fresh, "OFFERED", "2026-10-03", null, null);
        f.occupation(fresh, "WORK", "2026-07-01");
        f.occupation(fresh, "STUDIES_KOMVUX", "2026-11-01"); // the latest counts
        long otherMunicipality = f.kase("200801172388", "Annan", "2361", "2026-11-20", "AVBROTT");

        JsonNode page = cases("?municipality=2380");
        assertThat(page.get("total").asLong()).isEqualTo(8);
        assertThat(categories(byId(page, isNew))).containsExactly("NEW", "NOT_CONTACTED");
        assertThat(categories(byId(page, notContacted))).containsExactly("NOT_CONTACTED");
        assertThat(categories(byId(page, attemptDue))).containsExactly("ATTEMPT_DUE", "NOT_CONTACTED");
        assertThat(categories(byId(page, followUp))).containsExactly("FOLLOW_UP_DUE");
        assertThat(categories(byId(page, ending))).containsExactly("MEASURE_ENDING");
        assertThat(categories(byId(page, turning))).containsExactly("TURNING_20");
        assertThat(categories(byId(page, stale))).containsExactly("OCCUPATION_STALE");
        assertThat(categories(byId(page, fresh))).isEmpty();
        assertThat(page.get("cases").toString()).doesNotContain("\"id\":" + otherMunicipality + ",");

        JsonNode counts = page.get("counts");
        assertThat(counts.get("NEW").asLong()).isEqualTo(1);
        assertThat(counts.get("NOT_CONTACTED").asLong()).isEqualTo(3);
        assertThat(counts.get("ATTEMPT_DUE").asLong()).isEqualTo(1);
        assertThat(counts.get("FOLLOW_UP_DUE").asLong()).isEqualTo(1);
        assertThat(counts.get("MEASURE_ENDING").asLong()).isEqualTo(1);
        assertThat(counts.get("TURNING_20").asLong()).isEqualTo(1);
        assertThat(counts.get("OCCUPATION_STALE").asLong()).isEqualTo(1);

        // the municipality's own expiry for WORK: not stale any more
        jdbc.sql("INSERT INTO casework_occupation_expiry (municipality, type, days) VALUES ('2380', 'WORK', 200)").update();
        assertThat(categories(byId(cases("?municipality=2380"), stale))).isEmpty();

        // the same clocks and contact state as CaseStates
        for (JsonNode c : page.get("cases")) {
            CaseStates.CaseState s = states.of(c.get("id").asLong());
            assertThat(c.get("contactState").asString()).isEqualTo(s.contact().name());
            assertThat(c.get("clocks").get("firstAttempt").get("days").asLong()).isEqualTo(s.firstAttempt().days());
            assertThat(c.get("clocks").get("firstAttempt").get("overdue").asBoolean()).isEqualTo(s.firstAttempt().overdue());
            assertThat(c.get("clocks").get("firstContact").get("days").asLong()).isEqualTo(s.firstContact().days());
            assertThat(c.get("clocks").get("firstContact").get("overdue").asBoolean()).isEqualTo(s.firstContact().overdue());
            assertThat(c.get("clocks").get("firstMeasure").get("days").asLong()).isEqualTo(s.firstMeasure().days());
            assertThat(c.get("clocks").get("firstMeasure").get("overdue").asBoolean()).isEqualTo(s.firstMeasure().overdue());
            assertThat(c.get("overdue").asBoolean()).isEqualTo(s.overdue());
        }
    }

    @Test
    void mostUrgentFirst() {
        long waitingLong = f.kase("200801012386", "A", "2380", "2026-10-01", "AVBROTT"); // 52 days, 45 overdue
        long waiting = f.kase("200801022385", "B", "2380", "2026-11-01", "AVBROTT"); // 21 days, 14 overdue
        long isNew = f.kase("200801032384", "C", "2380", "2026-11-20", "AVBROTT");   // new, not overdue
        long due = f.kase("200801042383", "D", "2380", "2026-11-18", "AVBROTT");     // attempt due, not overdue
        f.attempt(due, "2026-11-18", "NO_ANSWER", "2026-11-21");
        long calm = f.kase("200801082397", "E", "2380", "2026-11-10", "AVBROTT");    // nothing due
        f.attempt(calm, "2026-11-10", "REACHED", null);
        f.measure(calm, "OFFERED", "2026-11-11", null, null);

        List<Long> order = new ArrayList<>();
        cases("?municipality=2380").get("cases").forEach(c -> order.add(c.get("id").asLong()));
        assertThat(order).containsExactly(waitingLong, waiting, due, isNew, calm);
        assertThat(byId(cases("?municipality=2380"), waitingLong).get("overdueDays").asInt()).isEqualTo(45);
    }

    /**
     * Born 29 February, she is 18 on 28 February of a year without one (lag om beräkning av lagstadgad
     * tid, as {@code PersonalIdentityNumber.ageOn}): the age shown, the age filter and the 20th-birthday
     * category agree with it, not with PostgreSQL's {@code age()}, which waits for 1 March.
     */
    @Test
    void bornOn29FebruaryHerAgeGoesUpOn28February() {
        clock.setDate(java.time.LocalDate.of(2026, 2, 27));
        long leap = f.kase("200802292383", "Skott", "2380", "2026-02-01", "AVBROTT");
        long other = f.kase("200702022395", "Ettår", "2380", "2026-02-01", "AVBROTT"); // 19
        assertThat(ids(cases("?municipality=2380&age=17"))).containsExactly(leap);
        clock.setDate(java.time.LocalDate.of(2026, 2, 28));
        assertThat(ids(cases("?municipality=2380&age=17"))).isEmpty();
        assertThat(ids(cases("?municipality=2380&age=18"))).containsExactly(leap);
        assertThat(byId(cases("?municipality=2380"), leap).get("age").asInt()).isEqualTo(18);
        assertThat(ids(cases("?municipality=2380&age=19"))).containsExactly(other);
        // the 20th birthday within 60 days: she turns 20 on 2028-02-29, and on 2027-12-31 that is 60 days away
        clock.setDate(java.time.LocalDate.of(2027, 12, 30));
        assertThat(categories(byId(cases("?municipality=2380"), leap))).doesNotContain("TURNING_20");
        clock.setDate(java.time.LocalDate.of(2027, 12, 31));
        assertThat(categories(byId(cases("?municipality=2380"), leap))).contains("TURNING_20");
        clock.setDate(java.time.LocalDate.of(2028, 2, 29));
        assertThat(categories(byId(cases("?municipality=2380"), leap))).contains("TURNING_20");
        clock.setDate(java.time.LocalDate.of(2028, 3, 1));
        assertThat(byId(cases("?municipality=2380"), leap).get("categories").toString()).doesNotContain("TURNING_20");
    }

    @Test
    void filtersCountsAndPaging() {
        long mine = f.kase("200801012386", "A", "2380", "2026-11-20", "AVBROTT");
        f.assign(mine, TestUsers.username(Role.HANDLAGGARE));
        long others = f.kase("200801022385", "B", "2380", "2026-10-01", "STUDIEBEVIS");
        f.assign(others, TestUsers.username(Role.ENHETSCHEF));
        f.enrolment(others, "87654321", "2024-08-19");
        long unassigned = f.kase("200701012387", "C", "2380", "2026-10-01", "AVBROTT"); // 19 years old

        assertThat(ids(cases("?municipality=2380&assignee=mine"))).containsExactly(mine);
        assertThat(ids(cases("?municipality=2380&assignee=unassigned"))).containsExactly(unassigned);
        assertThat(ids(cases("?municipality=2380&assignee=role-enhetschef"))).containsExactly(others);
        assertThat(ids(cases("?municipality=2380&reason=STUDIEBEVIS"))).containsExactly(others);
        assertThat(ids(cases("?municipality=2380&age=19"))).containsExactly(unassigned);
        assertThat(ids(cases("?municipality=2380&school=87654321"))).containsExactly(others);
        assertThat(ids(cases("?municipality=2380&overdue=true"))).containsExactlyInAnyOrder(others, unassigned);

        JsonNode newOnes = cases("?municipality=2380&category=NEW");
        assertThat(ids(newOnes)).containsExactly(mine);
        assertThat(newOnes.get("total").asLong()).isEqualTo(1);
        // counts ignore the category filter but follow the others
        assertThat(newOnes.get("counts").get("NOT_CONTACTED").asLong()).isEqualTo(3);
        assertThat(cases("?municipality=2380&category=NEW&assignee=unassigned").get("counts").get("NEW").asLong()).isZero();

        JsonNode first = cases("?municipality=2380&size=2&page=0");
        JsonNode second = cases("?municipality=2380&size=2&page=1");
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(ids(first)).hasSize(2);
        assertThat(ids(second)).hasSize(1).doesNotContainAnyElementsOf(ids(first));
    }

    @Test
    void problemDetailsForBadParametersAndUngrantedMunicipalities() {
        f.kase("200801172388", "Annan", "2361", "2026-11-20", "AVBROTT");
        HttpResponse<String> unknown = api("?municipality=2380&category=SOON");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(WebSession.json(unknown).get("errors").get(0).get("field").asString()).isEqualTo("category");
        assertThat(WebSession.json(unknown).get("errors").get(0).get("message").asString()).contains("Okänd kategori");

        HttpResponse<String> ungranted = api("?municipality=2361");
        HttpResponse<String> unserved = api("?municipality=0114");
        assertThat(ungranted.statusCode()).isEqualTo(400);
        assertThat(WebSession.json(ungranted).get("errors").get(0).get("field").asString()).isEqualTo("municipality");
        assertThat(WebSession.json(ungranted).get("errors").get(0).get("message").asString()).contains("hanteras inte");
        assertThat(unserved.statusCode()).isEqualTo(400);

        // typed filters: a category in any case with - for _, each wrong one named in the API's words
        assertThat(api("?municipality=2380&category=not-contacted").statusCode()).isEqualTo(200);
        assertThat(api("?municipality=2380&category=Not_Contacted").statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = api("?municipality=2380&school=1234&overdue=kanske&age=21&reason=NOPE");
        assertThat(wrong.statusCode()).isEqualTo(400);
        java.util.Map<String, String> said = new java.util.TreeMap<>();
        WebSession.json(wrong).get("errors").forEach(e -> said.put(e.get("field").asString(), e.get("message").asString()));
        assertThat(said).containsOnlyKeys("school", "overdue", "age", "reason");
        assertThat(said.get("school")).isEqualTo("Skolenhetskoden ska vara åtta siffror.");
        assertThat(said.get("age")).contains("15", "20");

        assertThat(api("").statusCode()).isEqualTo(400);
        assertThat(api("?municipality=2380&size=0").statusCode()).isEqualTo(400);
        assertThat(WebSession.json(api("?municipality=2380&size=0&page=x")).get("errors")).hasSize(2);
    }

    /** One definition of the next step: the API says what the page's line says, case by case. */
    @Test
    void theApiGivesEachCaseTheNextStepThePageShows() throws Exception {
        long noAttempt = f.kase("200801012386", "Alva", "2380", "2026-10-01", "AVBROTT");
        long attemptDue = f.kase("200801022385", "Bo", "2380", "2026-11-01", "AVBROTT");
        f.attempt(attemptDue, "2026-11-05", "NO_ANSWER", "2026-11-20");
        long followUp = f.kase("200801172388", "Cilla", "2380", "2026-09-01", "AVBROTT");
        f.attempt(followUp, "2026-09-02", "REACHED", null);
        f.measure(followUp, "ACCEPTED", "2026-09-10", null, "2026-11-22");
        JsonNode cases = WebSession.json(api("?municipality=2380")).get("cases");
        WebSession web = new WebSession(port);
        web.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD);
        String html = web.get("/arenden").body();
        java.util.Map<Long, String> kinds = new java.util.HashMap<>();
        List<String> texts = new java.util.ArrayList<>();
        for (JsonNode c : cases) {
            JsonNode next = c.get("nextStep");
            kinds.put(c.get("id").asLong(), next.get("kind").asText());
            texts.add(next.get("text").asText());
            String line = html.replaceAll("(?s).*<td class=\"next\" id=\"next-" + c.get("id").asLong()
                    + "\"><span>([^<]*)</span>.*", "$1");
            assertThat(next.get("text").asText()).as("case %d", c.get("id").asLong()).isEqualTo(line);
        }
        assertThat(kinds).containsEntry(noAttempt, "FIRST_ATTEMPT").containsEntry(attemptDue, "ATTEMPT_DUE")
                .containsEntry(followUp, "FOLLOW_UP_DUE");
        assertThat(texts).contains("Inget kontaktförsök – 52 dagar, mål 7",
                "Kontaktförsök planerat för 2 dagar sedan", "Följ upp insatsen, planerat i dag");
    }

    @Test
    void thePageListsHighlightsAndAuditsTheCasesShown() {
        long overdue = f.kase("200801012386", "Alva", "2380", "2026-10-01", "AVBROTT");
        long isNew = f.kase("200801022385", "Bo", "2380", "2026-11-20", "AVBROTT");
        long hidden = f.kase("200801172388", "Dold", "2361", "2026-11-20", "AVBROTT");
        WebSession web = new WebSession(port);
        web.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD);
        HttpResponse<String> page = web.get("/arenden");
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("href=\"/arenden/" + overdue + "\"", "href=\"/arenden/" + isNew + "\"")
                .doesNotContain("/arenden/" + hidden + "\"", "Dold")
                .contains("Inget kontaktförsök – 52 dagar, mål 7", ">Försenad<") // in text, not only by colour
                .contains("formaction=\"/arenden/brev\"")
                .contains("name=\"caseIds\" value=\"" + overdue + "\"")
                .contains("id=\"count-NEW\">1<");
        assertThat(html.indexOf("/arenden/" + overdue + "\"")).isLessThan(html.indexOf("/arenden/" + isNew + "\""));
        // per case worker: nobody's cases, 1 overdue of 2
        assertThat(html.replaceAll("\\s+", " ")).containsPattern("Ej tilldelad</th> <td>2</td> <td>1</td>");

        List<UUID> audited = jdbc.sql("""
                SELECT unnest(person_ids) FROM audit_entry WHERE action = 'WORKLIST_VIEWED' AND actor = ?""")
                .param(TestUsers.username(Role.HANDLAGGARE)).query(UUID.class).list();
        assertThat(audited).containsExactlyInAnyOrder(f.person(overdue), f.person(isNew));

        // filtered by category on the page too
        assertThat(web.get("/arenden?category=NEW").body()).contains("/arenden/" + isNew + "\"")
                .doesNotContain("/arenden/" + overdue + "\"");
        // a municipality she is not granted is never shown: her own is listed instead
        assertThat(web.get("/arenden?municipality=2361").body()).doesNotContain("Dold");
        // a filter that cannot be read (an old or hand-edited link) shows the whole list, and says so
        HttpResponse<String> unreadable = web.get("/arenden?municipality=2380&age=tjugo&category=NEW");
        assertThat(unreadable.statusCode()).isEqualTo(302);
        assertThat(WebSession.location(unreadable)).endsWith("/arenden?municipality=2380");
        String whole = web.get(WebSession.location(unreadable)).body();
        assertThat(whole).contains("id=\"filter-ignored\"", "/arenden/" + isNew + "\"", "/arenden/" + overdue + "\"");
        assertThat(web.get("/arenden").body()).as("said once").doesNotContain("id=\"filter-ignored\"");
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("cases").forEach(c -> ids.add(c.get("id").asLong()));
        return ids;
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * One definition of a stale occupation: for every type, with the default days and with the
     * municipality's own, the worklist's OCCUPATION_STALE and the case's own "stale" agree – stale
     * when verified the type's days ago, current the day before. (They once disagreed: the case page
     * had its own defaults, 183/90/30 days, and counted the last day differently.)
     */
    @Test
    void theWorklistAndTheCaseAgreeWhenAnOccupationIsStale() throws Exception {
        List<String> numbers;
        try (var in = getClass().getResourceAsStream("/demo/testpersonnummer.txt")) {
            numbers = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(n -> n.startsWith("2008")).limit(2L * se.kaa.casework.cases.OccupationExpiry.OccupationType.values().length + 2)
                    .toList();
        }
        java.time.LocalDate today = java.time.LocalDate.of(2026, 11, 22);
        jdbc.sql("INSERT INTO casework_occupation_expiry (municipality, type, days) VALUES ('2380', 'SICK', 45)").update();
        Map<Long, Boolean> expected = new java.util.LinkedHashMap<>();
        Map<Long, String> what = new java.util.HashMap<>();
        int n = 0;
        for (var type : se.kaa.casework.cases.OccupationExpiry.OccupationType.values()) {
            int days = type == se.kaa.casework.cases.OccupationExpiry.OccupationType.SICK ? 45
                    : se.kaa.casework.cases.OccupationExpiry.defaultDays(type);
            for (int ago : new int[] {days, days - 1}) {
                long id = f.kase(numbers.get(n++), "Person", "2380", "2026-01-01", "AVBROTT");
                f.attempt(id, "2026-01-02", "REACHED", null);
                f.measure(id, "OFFERED", "2026-01-03", null, null);
                f.occupation(id, type.name(), today.minusDays(ago).toString());
                expected.put(id, ago == days);
                what.put(id, type + " verified " + ago + " days ago, " + days + " days");
            }
        }
        Map<String, Integer> caseDefaults = new java.util.LinkedHashMap<>();
        se.kaa.casework.cases.OccupationExpiry.DEFAULTS.forEach((type, days) -> caseDefaults.put(type.name(), days));
        assertThat(se.kaa.casework.settings.CaseworkSettings.DEFAULT_OCCUPATION_EXPIRY)
                .as("the settings page's defaults are the case's").containsExactlyEntriesOf(caseDefaults);

        JsonNode page = cases("?municipality=2380&size=100");
        assertThat(page.get("total").asLong()).isEqualTo(expected.size());
        for (var e : expected.entrySet()) {
            boolean inWorklist = categories(byId(page, e.getKey())).contains("OCCUPATION_STALE");
            HttpResponse<String> c = api("/" + e.getKey());
            assertThat(c.statusCode()).isEqualTo(200);
            boolean onTheCase = WebSession.json(c).get("occupations").get(0).get("stale").asBoolean();
            assertThat(inWorklist).as("worklist: " + what.get(e.getKey())).isEqualTo(e.getValue());
            assertThat(onTheCase).as("case: " + what.get(e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(page.get("counts").get("OCCUPATION_STALE").asLong())
                .isEqualTo(expected.values().stream().filter(b -> b).count());
    }
}
