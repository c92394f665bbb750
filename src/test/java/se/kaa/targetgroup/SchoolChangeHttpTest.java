package se.kaa.targetgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import se.kaa.targetgroup.internal.Recomputation;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/**
 * A school change is not a drop-out, end to end over HTTP: a STOP notice (or an inskrivningar row)
 * ended with BYTE and followed by a new upper-secondary start within 14 days opens no episode and
 * no case; the same dates ended with AVBROTT do. While the change window runs she is not counted;
 * once it has passed without a new start she counts from the day after she left.
 */
@KaaIntegrationTest
class SchoolChangeHttpTest {

    // Skatteverket test numbers; both in NA at 12345678 since 2024-08-19.
    static final String ALVA = "200801172388";
    static final String BERTIL = "200802012385";

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802012385;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
            """;
    static final String HEADER = "personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak\n";

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired Recomputation recomputation;

    WebSession http;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset(); // 2026-11-22
        http = WebSession.api(port);
        upload("folkbokforing", "&asOf=2026-09-01", FOLKBOKFORING);
    }

    @Test
    void aStopWithByteAndAStartWithinTheWindowOpenNoEpisodeAndNoCaseButAvbrottDoes() {
        upload("inskrivningar", "", HEADER
                + ALVA + ";12345678;Östersunds kommun;GY;NA;2024-08-19;;\n"
                + BERTIL + ";12345678;Östersunds kommun;GY;NA;2024-08-19;;\n");

        // (with the folkbokföring file alone both looked like members; that case came and went)
        long caseEventsBefore = caseAuditEntries(ALVA);
        notice(stop(ALVA, "2026-11-16", "BYTE"));
        notice(stop(BERTIL, "2026-11-16", "AVBROTT"));
        // Bertil dropped out: a member from the day after, and his case opens; Alva is changing school.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(caseOf(BERTIL)).isNotNull());
        assertThat(caseOf(BERTIL).get("status")).isEqualTo("OPEN");
        assertThat(caseOf(BERTIL).get("entered")).isEqualTo(java.sql.Date.valueOf("2026-11-17"));
        assertThat(episodesOf(ALVA)).isEmpty();
        JsonNode pending = explanation(ALVA, "2026-11-22");
        assertThat(pending.get("status").asString()).isEqualTo("EXPECTED_TO_START");
        assertThat(transitionFinding(pending).get("key").asString())
                .isEqualTo("targetgroup.finding.transition.schoolChangePending");
        assertThat(transitionFinding(pending).get("text").asString())
                .contains("Byter skola", "2026-11-16", "till och med 2026-11-30", "(tolkning)");

        // Both start at a new school on 2026-11-22, within the 14 days.
        notice(start(ALVA, "87654321", "2026-11-22"));
        notice(start(BERTIL, "87654321", "2026-11-22"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(caseOf(BERTIL).get("status")).isEqualTo("CLOSED"));
        assertThat(caseOf(BERTIL).get("exit_reason")).isEqualTo("PABORJAT_UTBILDNING");
        assertThat(episodesOf(BERTIL)).singleElement().satisfies(e -> {
            assertThat(e.get("entered")).isEqualTo(java.sql.Date.valueOf("2026-11-17"));
            assertThat(e.get("exited")).isEqualTo(java.sql.Date.valueOf("2026-11-22"));
            assertThat(e.get("reason")).isEqualTo("AVBROTT");
        });

        // The window passes: Alva's gap still never counted, and she never had a case.
        clock.setDate(LocalDate.of(2026, 12, 15));
        recomputation.daily();
        assertThat(episodesOf(ALVA)).isEmpty();
        assertThat(caseOf(ALVA)).isNull();
        assertThat(caseAuditEntries(ALVA)).isEqualTo(caseEventsBefore);
        JsonNode changed = explanation(ALVA, "2026-11-20");
        assertThat(changed.get("member").asBoolean()).isFalse();
        assertThat(transitionFinding(changed).get("key").asString()).isEqualTo("targetgroup.finding.transition.schoolChange");

        // The reason is on her record: the notice and the enrolment's end, in Swedish on her page.
        JsonNode record = WebSession.json(http.get("/api/v1/persons/" + personId(ALVA)));
        assertThat(record.get("notices").findValuesAsString("endReason")).contains("BYTE");
        WebSession web = new WebSession(port);
        web.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        String page = web.get("/personer/" + personId(ALVA)).body();
        assertThat(page).contains("Byte av skola eller program").doesNotContain(">BYTE<");
    }

    @Test
    void aByteWithNoNewStartCountsFromTheDayAfterSheLeftOnceTheWindowHasPassed() {
        upload("inskrivningar", "", HEADER + ALVA + ";12345678;Östersunds kommun;GY;NA;2024-08-19;;\n");
        notice(stop(ALVA, "2026-11-20", "BYTE"));

        clock.setDate(LocalDate.of(2026, 12, 4)); // the window's last day (2026-11-20 + 14)
        recomputation.daily();
        assertThat(episodesOf(ALVA)).isEmpty();
        assertThat(caseOf(ALVA)).isNull();

        clock.setDate(LocalDate.of(2026, 12, 5));
        recomputation.daily();
        assertThat(episodesOf(ALVA)).singleElement().satisfies(e -> {
            assertThat(e.get("entered")).isEqualTo(java.sql.Date.valueOf("2026-11-21"));
            assertThat(e.get("exited")).isNull();
            assertThat(e.get("reason")).isEqualTo("AVBROTT");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(caseOf(ALVA)).isNotNull());
        assertThat(caseOf(ALVA).get("entered")).isEqualTo(java.sql.Date.valueOf("2026-11-21"));
        // A past day of the window, explained as known today, agrees with the episode.
        JsonNode past = explanation(ALVA, "2026-11-25");
        assertThat(past.get("member").asBoolean()).isTrue();
        assertThat(transitionFinding(past).get("key").asString())
                .isEqualTo("targetgroup.finding.transition.schoolChangeLapsed");
    }

    @Test
    void enrolmentsImportedWithSlutorsakByteFollowTheSameRule() {
        upload("inskrivningar", "", HEADER
                + ALVA + ";12345678;Östersunds kommun;GY;NA;2024-08-19;2026-10-09;BYTE\n"
                + ALVA + ";87654321;Friskolan AB;GY;EK;2026-10-19;;\n"
                + BERTIL + ";12345678;Östersunds kommun;GY;NA;2024-08-19;2026-10-09;AVBROTT\n"
                + BERTIL + ";87654321;Friskolan AB;GY;EK;2026-10-19;;\n");

        assertThat(episodesOf(ALVA)).isEmpty();
        assertThat(episodesOf(BERTIL)).singleElement().satisfies(e -> {
            assertThat(e.get("entered")).isEqualTo(java.sql.Date.valueOf("2026-10-10"));
            assertThat(e.get("exited")).isEqualTo(java.sql.Date.valueOf("2026-10-19"));
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(caseOf(BERTIL)).isNotNull());
        assertThat(caseOf(ALVA)).isNull();
    }

    private static String stop(String pnr, String date, String reason) {
        return """
                {"type": "STOP", "personnummer": "%s", "municipality": "2380", "schoolUnitCode": "12345678",
                 "schoolType": "GY", "programme": "NA", "date": "%s", "endReason": "%s"}""".formatted(pnr, date, reason);
    }

    private static String start(String pnr, String unit, String date) {
        return """
                {"type": "START", "personnummer": "%s", "municipality": "2380", "schoolUnitCode": "%s",
                 "schoolType": "GY", "programme": "EK", "date": "%s"}""".formatted(pnr, unit, date);
    }

    private void notice(String body) {
        HttpResponse<String> response = http.postJson("/api/v1/notices", body,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private void upload(String kind, String extra, String csv) {
        HttpResponse<String> response = http.upload("/api/v1/imports/" + kind + "?municipality=2380" + extra,
                kind + ".csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private JsonNode explanation(String pnr, String date) {
        HttpResponse<String> response = http.get("/api/v1/persons/" + personId(pnr) + "/explanation?date=" + date
                + "&municipality=2380");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return WebSession.json(response);
    }

    private static JsonNode transitionFinding(JsonNode explanation) {
        for (JsonNode c : explanation.get("conditions")) {
            if (c.get("condition").asString().equals("NOT_EXPECTED_TO_START")) {
                return c.get("findings").get(0);
            }
        }
        throw new AssertionError("No transition condition in " + explanation);
    }

    private long caseAuditEntries(String pnr) {
        return jdbc.sql("""
                SELECT count(*) FROM audit_entry a JOIN person p ON p.id = ANY (a.person_ids)
                WHERE p.pnr = ? AND a.action LIKE 'CASE_%'""").param(pnr).query(Long.class).single();
    }

    private String personId(String pnr) {
        return jdbc.sql("SELECT id FROM person WHERE pnr = ?").param(pnr).query(UUID.class).single().toString();
    }

    private List<Map<String, Object>> episodesOf(String pnr) {
        return jdbc.sql("""
                SELECT e.* FROM membership_episode e JOIN person p ON p.id = e.person_id WHERE p.pnr = ?
                ORDER BY e.entered""").param(pnr).query().listOfRows();
    }

    private Map<String, Object> caseOf(String pnr) {
        return jdbc.sql("SELECT c.* FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.pnr = ?")
                .param(pnr).query().listOfRows().stream().findFirst().orElse(null);
    }
}
