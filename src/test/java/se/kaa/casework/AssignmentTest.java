package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import se.kaa.casework.lifecycle.CaseLifecycle;
import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * Assignment by hand (case page form and API, with optimistic locking), in bulk from the worklist,
 * and by the administrator's rules when cases open; every change kept as an ASSIGNED event.
 */
@KaaIntegrationTest
class AssignmentTest {

    static final String HANDLAGGARE = TestUsers.username(Role.HANDLAGGARE);
    static final String ENHETSCHEF = TestUsers.username(Role.ENHETSCHEF);

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;
    @Autowired CaseLifecycle lifecycle;

    WorklistFixtures f;
    WebSession http;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
        f = new WorklistFixtures(jdbc);
        http = WebSession.api(port);
    }

    record Event(String assignee, String previous, String how, String actor) {
    }

    List<Event> events(long caseId) {
        return jdbc.sql("SELECT assignee, previous, how, actor FROM casework_case_event WHERE case_id = ? AND kind = 'ASSIGNED' ORDER BY id")
                .param(caseId).query((rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    String assignee(long caseId) {
        return jdbc.sql("SELECT assignee FROM casework_case WHERE id = ?").param(caseId).query(String.class).optional().orElse(null);
    }

    long version(long caseId) {
        return jdbc.sql("SELECT version FROM casework_case WHERE id = ?").param(caseId).query(Long.class).single();
    }

    HttpResponse<String> put(long caseId, String body, Role role) {
        return http.send(HttpRequest.newBuilder(http.uri("/api/v1/cases/" + caseId + "/assignee"))
                .header("Authorization", TestUsers.basic(role)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> postForm(WebSession web, String path, List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        all.add(Map.entry("_csrf", web.csrf()));
        String body = all.stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return web.send(HttpRequest.newBuilder(web.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void byHandOnTheCasePageWithOptimisticLocking() {
        long c = f.kase("200801012386", "Alva", "2380", "2026-11-01", "AVBROTT");
        WebSession chef = new WebSession(port);
        chef.login(ENHETSCHEF, TestUsers.PASSWORD);
        HttpResponse<String> ok = chef.post("/arenden/" + c + "/tilldelning", Map.of("assignee", HANDLAGGARE, "version", "0"));
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/arenden/" + c));
        assertThat(assignee(c)).isEqualTo(HANDLAGGARE);
        assertThat(version(c)).isEqualTo(1);
        assertThat(events(c)).containsExactly(new Event(HANDLAGGARE, null, "MANUAL", ENHETSCHEF));

        // a second case worker saving on the version she opened: refused, told why, her choice kept
        HttpResponse<String> stale = chef.post("/arenden/" + c + "/tilldelning", Map.of("assignee", ENHETSCHEF, "version", "0"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("Ärendet har ändrats av någon annan")
                .contains("Ditt val finns kvar i formuläret: " + ENHETSCHEF)
                .containsPattern("<option value=\"" + ENHETSCHEF + "\"\\s+selected")
                .contains("name=\"version\" value=\"1\"");
        assertThat(assignee(c)).isEqualTo(HANDLAGGARE);
        assertThat(events(c)).hasSize(1);

        // re-applied on the current version
        assertThat(chef.post("/arenden/" + c + "/tilldelning", Map.of("assignee", ENHETSCHEF, "version", "1")).statusCode())
                .isEqualTo(302);
        assertThat(events(c)).containsExactly(new Event(HANDLAGGARE, null, "MANUAL", ENHETSCHEF),
                new Event(ENHETSCHEF, HANDLAGGARE, "MANUAL", ENHETSCHEF));

        // someone who may not be assigned: 400 with a Swedish message
        HttpResponse<String> invalid = chef.post("/arenden/" + c + "/tilldelning",
                Map.of("assignee", TestUsers.username(Role.GRANSKARE), "version", "2"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("inte handläggare eller enhetschef");

        long audits = jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'CASE_ASSIGNED' AND kind = 'WRITE' AND ? = ANY (person_ids)")
                .param(f.person(c)).query(Long.class).single();
        assertThat(audits).isEqualTo(2);
    }

    @Test
    void byTheApi() {
        long c = f.kase("200801012386", "Alva", "2380", "2026-11-01", "AVBROTT");
        HttpResponse<String> ok = put(c, "{\"assignee\": \"" + ENHETSCHEF + "\", \"version\": 0}", Role.HANDLAGGARE);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode body = WebSession.json(ok);
        assertThat(body.get("id").asLong()).isEqualTo(c);
        assertThat(body.get("assignee").asString()).isEqualTo(ENHETSCHEF);
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(body.get("clocks").get("firstAttempt").get("overdue").asBoolean()).isTrue();

        HttpResponse<String> stale = put(c, "{\"assignee\": null, \"version\": 0}", Role.HANDLAGGARE);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(WebSession.json(stale).get("detail").asString()).contains("ändrats av någon annan");

        HttpResponse<String> unknown = put(c, "{\"assignee\": \"nobody\", \"version\": 1}", Role.HANDLAGGARE);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(WebSession.json(unknown).get("errors").get(0).get("field").asString()).isEqualTo("assignee");
        HttpResponse<String> noRole = put(c, "{\"assignee\": \"" + TestUsers.username(Role.GRANSKARE) + "\", \"version\": 1}",
                Role.HANDLAGGARE);
        assertThat(noRole.statusCode()).isEqualTo(400);
        assertThat(WebSession.json(noRole).get("errors").get(0).get("field").asString()).isEqualTo("assignee");
        HttpResponse<String> noVersion = put(c, "{\"assignee\": null}", Role.HANDLAGGARE);
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(WebSession.json(noVersion).get("errors").get(0).get("field").asString()).isEqualTo("version");

        HttpResponse<String> unassign = put(c, "{\"assignee\": null, \"version\": 1}", Role.HANDLAGGARE);
        assertThat(unassign.statusCode()).isEqualTo(200);
        assertThat(assignee(c)).isNull();
        assertThat(events(c)).containsExactly(new Event(ENHETSCHEF, null, "MANUAL", HANDLAGGARE),
                new Event(null, ENHETSCHEF, "MANUAL", HANDLAGGARE));
    }

    @Test
    void casesOfAnotherMunicipalityCannotBeAssigned() {
        long other = f.kase("200801172388", "Dold", "2361", "2026-11-01", "AVBROTT");
        long own = f.kase("200801012386", "Alva", "2380", "2026-11-01", "AVBROTT");
        assertThat(put(other, "{\"assignee\": \"" + HANDLAGGARE + "\", \"version\": 0}", Role.HANDLAGGARE).statusCode())
                .isEqualTo(404);
        WebSession web = new WebSession(port);
        web.login(HANDLAGGARE, TestUsers.PASSWORD);
        assertThat(web.post("/arenden/" + other + "/tilldelning", Map.of("assignee", HANDLAGGARE, "version", "0")).statusCode())
                .isEqualTo(404);
        HttpResponse<String> bulk = postForm(web, "/arenden/tilldelning", List.of(Map.entry("caseIds", String.valueOf(own)),
                Map.entry("caseIds", String.valueOf(other)), Map.entry("assignTo", HANDLAGGARE)));
        assertThat(bulk.statusCode()).isEqualTo(404);
        assertThat(assignee(own)).as("nothing assigned").isNull();
        assertThat(assignee(other)).isNull();
    }

    @Test
    void inBulkFromTheWorklist() {
        long a = f.kase("200801012386", "Alva", "2380", "2026-11-01", "AVBROTT");
        long b = f.kase("200801022385", "Bo", "2380", "2026-11-01", "AVBROTT");
        long untouched = f.kase("200801032384", "Cecilia", "2380", "2026-11-01", "AVBROTT");
        f.assign(b, ENHETSCHEF);
        WebSession web = new WebSession(port);
        web.login(ENHETSCHEF, TestUsers.PASSWORD);
        HttpResponse<String> done = postForm(web, "/arenden/tilldelning", List.of(Map.entry("caseIds", String.valueOf(a)),
                Map.entry("caseIds", String.valueOf(b)), Map.entry("assignTo", HANDLAGGARE),
                Map.entry("returnTo", "/arenden?municipality=2380&assignee=")));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/arenden?municipality=2380"));
        assertThat(web.get(done.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).body())
                .contains("Tilldelningen är sparad för 2 ärenden.");
        assertThat(assignee(a)).isEqualTo(HANDLAGGARE);
        assertThat(assignee(b)).isEqualTo(HANDLAGGARE);
        assertThat(assignee(untouched)).isNull();
        assertThat(events(a)).containsExactly(new Event(HANDLAGGARE, null, "BULK", ENHETSCHEF));
        assertThat(events(b)).containsExactly(new Event(HANDLAGGARE, ENHETSCHEF, "BULK", ENHETSCHEF));
        assertThat(version(a)).isEqualTo(1);

        HttpResponse<String> none = postForm(web, "/arenden/tilldelning", List.of(Map.entry("assignTo", HANDLAGGARE)));
        assertThat(none.statusCode()).isEqualTo(302);
        assertThat(web.get("/arenden").body()).contains("Välj minst ett ärende.");
    }

    @Test
    void byRulesWhenCasesOpenInOrderAndInTurn() {
        WebSession admin = new WebSession(port);
        admin.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        // 1: STUDIEBEVIS → the enhetschef; 2: anyone aged 16–19 → in turn
        assertThat(postForm(admin, "/admin/arenden/fordelning", List.of(Map.entry("municipality", "2380"),
                Map.entry("reason", "STUDIEBEVIS"), Map.entry("assignees", ENHETSCHEF))).statusCode()).isEqualTo(302);
        assertThat(postForm(admin, "/admin/arenden/fordelning", List.of(Map.entry("municipality", "2380"),
                Map.entry("ageMin", "16"), Map.entry("ageMax", "19"),
                Map.entry("assignees", HANDLAGGARE), Map.entry("assignees", ENHETSCHEF))).statusCode()).isEqualTo(302);
        HttpResponse<String> invalid = postForm(admin, "/admin/arenden/fordelning", List.of(Map.entry("municipality", "2380"),
                Map.entry("school", "123"), Map.entry("ageMin", "19"), Map.entry("ageMax", "16")));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("Skolenhetskoden ska vara åtta siffror.", "Välj minst en handläggare.",
                "Åldern till får inte vara lägre än åldern från.", "value=\"123\"");
        assertThat(admin.get("/admin/arenden/fordelning?municipality=2380").body()).contains("i tur och ordning");

        List<String> numbers = List.of("200801012386", "200801022385", "200801032384", "200801042383");
        List<UUID> persons = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            persons.add(member(numbers.get(i), "AVBROTT"));
        }
        UUID studiebevis = member("200801082397", "STUDIEBEVIS");
        lifecycle.synchronise(null, LocalDate.of(2026, 11, 22));

        // in turn, in the order the cases were opened (case id)
        List<String> turns = persons.stream().map(this::caseOf).sorted().map(this::assignee).toList();
        assertThat(turns).containsExactly(HANDLAGGARE, ENHETSCHEF, HANDLAGGARE, ENHETSCHEF);
        assertThat(assigneeOf(studiebevis)).isEqualTo(ENHETSCHEF);
        long caseId = persons.stream().map(this::caseOf).sorted().findFirst().orElseThrow();
        assertThat(events(caseId)).containsExactly(new Event(HANDLAGGARE, null, "RULE", "system"));

        // reordering: the age rule first now catches the STUDIEBEVIS case that opens next
        long ageRule = jdbc.sql("SELECT id FROM casework_assignment_rule WHERE age_min = 16").query(Long.class).single();
        assertThat(postForm(admin, "/admin/arenden/fordelning/flytta-upp", List.of(Map.entry("municipality", "2380"),
                Map.entry("id", String.valueOf(ageRule)))).statusCode()).isEqualTo(302);
        UUID next = member("200801102385", "STUDIEBEVIS");
        lifecycle.synchronise(List.of(next), LocalDate.of(2026, 11, 22));
        assertThat(assigneeOf(next)).isEqualTo(HANDLAGGARE); // the round-robin cursor continues

        // synchronising again leaves the assigned cases alone
        assertThat(events(caseId)).hasSize(1);
    }

    @Test
    void byARuleOnHerLatestSchoolUnit() {
        WebSession admin = new WebSession(port);
        admin.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        assertThat(postForm(admin, "/admin/arenden/fordelning", List.of(Map.entry("municipality", "2380"),
                Map.entry("school", "87654321"), Map.entry("assignees", ENHETSCHEF))).statusCode()).isEqualTo(302);
        UUID fromThatSchool = member("200801012386", "AVBROTT");
        UUID fromAnother = member("200801022385", "AVBROTT");
        enrolled(fromThatSchool, "12345678", "2023-08-21");
        enrolled(fromThatSchool, "87654321", "2024-08-19"); // her latest
        enrolled(fromAnother, "87654321", "2023-08-21");
        enrolled(fromAnother, "12345678", "2024-08-19"); // his latest
        lifecycle.synchronise(null, LocalDate.of(2026, 11, 22));
        assertThat(assigneeOf(fromThatSchool)).isEqualTo(ENHETSCHEF);
        assertThat(assigneeOf(fromAnother)).isNull();
    }

    private void enrolled(UUID person, String school, String start) {
        jdbc.sql("""
                INSERT INTO enrolment (person_id, school_unit_code, school_type, start_date, end_date, end_reason, source, received_at)
                VALUES (?, ?, 'GY', CAST(? AS date), DATE '2026-10-31', 'AVBROTT', 'INSKRIVNINGAR', now())""")
                .params(person, school, start).update();
    }

    private UUID member(String pnr, String reason) {
        LocalDate birth = LocalDate.parse(pnr.substring(0, 4) + "-" + pnr.substring(4, 6) + "-" + pnr.substring(6, 8));
        UUID person = jdbc.sql("INSERT INTO person (pnr, birth_date, given_name) VALUES (?, ?, 'Test') RETURNING id")
                .params(pnr, birth).query(UUID.class).single();
        jdbc.sql("""
                INSERT INTO membership_episode (person_id, municipality, entered, reason, entry_kind, rule_set, computed_at)
                VALUES (?, '2380', DATE '2026-11-01', ?, 'LEFT_SCHOOL', '2023', now())""")
                .params(person, reason).update();
        return person;
    }

    private long caseOf(UUID person) {
        return jdbc.sql("SELECT id FROM casework_case WHERE person_id = ?").param(person).query(Long.class).single();
    }

    private String assigneeOf(UUID person) {
        return assignee(caseOf(person));
    }
}
