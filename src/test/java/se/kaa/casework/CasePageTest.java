package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The case page ordered for the work, over real HTTP as the handläggare: the summary (its next step
 * the same words as the worklist line), the action bar and the form it opens, the timeline of
 * everything that happened newest first with its filter, a closed case, and a protected identity.
 */
@KaaIntegrationTest
class CasePageTest {

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    WebSession http;
    WebSession web;
    long alva;
    long greta;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
        http = WebSession.api(port);
        upload("folkbokforing?municipality=2380&asOf=2026-09-01", CaseRecordsTest.FOLKBOKFORING_2380);
        upload("inskrivningar?municipality=2380", CaseRecordsTest.INSKRIVNINGAR_2380);
        alva = caseOf("200801172388");
        greta = caseOf("200802282384");
        web = new WebSession(port);
        assertThat(web.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void theTimelineShowsEverythingThatHappenedNewestFirstAndFiltersByKind() {
        clock.advance(Duration.ofMinutes(1)); // after the case was opened
        saved(web.post("/arenden/" + alva + "/kontakter", form("version", v(alva), "attemptedAt", "2026-11-03T09:00",
                "channel", "PHONE", "outcome", "NO_ANSWER", "note", "Inget svar första gången")));
        saved(web.post("/arenden/" + alva + "/kontaktuppgifter", form("version", v(alva), "phone", "070-123 45 67")));
        saved(web.post("/arenden/" + alva + "/sysselsattning", form("version", v(alva), "type", "WORK",
                "source", "YOUNG_PERSON", "started", "2026-11-05", "verifiedOn", "2026-11-10")));
        saved(web.post("/arenden/" + alva + "/atgarder", form("version", v(alva), "measureTypeId", measureType("SYV"),
                "responsible", "MUNICIPALITY", "status", "OFFERED", "offeredOn", "2026-11-12")));
        clock.advance(Duration.ofMinutes(5));
        assertThat(web.post("/arenden/" + alva + "/brev", form("template", "INFORMATION")).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(5));
        assertThat(web.post("/arenden/" + alva + "/meddelanden", form("channel", "SMS", "body", "Hej Alva!"))
                .statusCode()).isIn(200, 302, 303);
        clock.advance(Duration.ofMinutes(5));
        saved(web.post("/arenden/" + alva + "/plan", form("version", v(alva), "goal", "Börja på komvux i januari")));
        clock.advance(Duration.ofMinutes(5));
        saved(web.post("/arenden/" + alva + "/anteckningar", form("version", v(alva), "text", "Ringer igen på fredag")));
        clock.advance(Duration.ofMinutes(5));
        HttpResponse<String> absence = http.postJson("/api/v1/notices", """
                {"type": "ABSENCE", "personnummer": "200801172388", "municipality": "2380", "schoolUnitCode": "12345678",
                 "organiser": "Östersunds kommun", "schoolType": "GY", "programme": "NA", "date": "2026-10-31",
                 "absence": {"from": "2026-10-01", "to": "2026-10-31", "hours": 12}}""", Map.of("Idempotency-Key", "abs-1"));
        assertThat(absence.statusCode()).as(absence.body()).isEqualTo(201);

        String page = web.get("/arenden/" + alva).body();
        List<String> titles = titles(page);
        assertThat(titles).containsExactly(
                "Anmälan från skolan: Ogiltig frånvaro 2026-10-31",
                "Anteckning",
                "Planen sparad, version 2",
                "Sms till den unga",
                "Brev: Information om aktivitetsansvaret",
                "Planen sparad, version 1", // the measure was added to the plan
                "Öppnat",
                "Insats: Studie- och yrkesvägledning – Erbjuden",
                "Sysselsättning: Arbete",
                "Kontaktförsök: Telefon – Inget svar");
        String timeline = timeline(page);
        assertThat(timeline).contains("Inget svar första gången", "Ringer igen på fredag", "Hej Alva!",
                "12 timmar ogiltig frånvaro", "I målgruppen från ", "av KAA (automatiskt)",
                "av Test HANDLAGGARE", "href=\"/arenden/" + alva + "/plan/versioner/2\"", "Utkast, inte skickat",
                "Erbjuden 2026-11-12 · ansvarig: Kommunen", "Period: från 2026-11-05 · kontrollerad 2026-11-10 · uppgift från: Den unga själv");
        assertThat(page).contains("Visar 10 händelser av 10.");

        // the filter: only contact attempts and notes
        String filtered = web.get("/arenden/" + alva + "?visa=kontakter&visa=anteckningar").body();
        assertThat(titles(filtered)).containsExactly("Anteckning", "Kontaktförsök: Telefon – Inget svar");
        assertThat(filtered).contains("Visar 2 händelser av 10.", "id=\"visa-kontakter\" checked=\"checked\"");
        assertThat(titles(web.get("/arenden/" + alva + "?visa=skolan").body()))
                .containsExactly("Anmälan från skolan: Ogiltig frånvaro 2026-10-31");
        assertThat(web.get("/arenden/" + alva + "?visa=skolan").body()).contains("Visar 1 händelse av 10.");
    }

    @Test
    void aPlanRevisionSaysWhatChangedAgainstTheOneBefore() {
        saved(web.post("/arenden/" + alva + "/atgarder", form("version", v(alva), "measureTypeId", measureType("SYV"),
                "responsible", "MUNICIPALITY", "status", "OFFERED", "offeredOn", "2026-11-12")));
        saved(web.post("/arenden/" + alva + "/plan", form("version", v(alva), "goal", "Börja på komvux i januari")));
        long measure = jdbc.sql("SELECT id FROM casework_measure").query(Long.class).single();
        saved(web.post("/arenden/" + alva + "/atgarder/" + measure, form("version", v(alva), "responsible", "MUNICIPALITY",
                "status", "ACCEPTED", "decidedOn", "2026-11-14", "followUp", "2026-12-01")));
        saved(web.post("/arenden/" + alva + "/plan", form("version", v(alva), "goal", "Börja på komvux i augusti")));

        assertThat(changes(1)).containsExactly("Ny insats: Studie- och yrkesvägledning (erbjuden 2026-11-12), status: Erbjuden.");
        assertThat(changes(2)).containsExactly("Målet sattes: ”Börja på komvux i januari”.");
        assertThat(changes(3)).containsExactly(
                "Studie- och yrkesvägledning: Status ändrades från Erbjuden till Accepterad.",
                "Studie- och yrkesvägledning: Besked den ändrades från (tomt) till 2026-11-14.",
                "Studie- och yrkesvägledning: Uppföljning den ändrades från (tomt) till 2026-12-01.");
        assertThat(changes(4)).containsExactly(
                "Målet ändrades från ”Börja på komvux i januari” till ”Börja på komvux i augusti”.");
        // the revision's measures in the case page's own table, as they were then
        String revision3 = web.get("/arenden/" + alva + "/plan/versioner/3").body();
        String table = revision3.substring(revision3.indexOf("id=\"revision-measures\""), revision3.indexOf("</table>",
                revision3.indexOf("id=\"revision-measures\"")));
        assertThat(table).contains("Studie- och yrkesvägledning", "Accepterad", "2026-12-01", "Uppföljning");
        assertThat(web.get("/arenden/" + alva + "/plan/versioner/1").body()).contains("id=\"revision-measures\"")
                .doesNotContain("2026-12-01");
    }

    @Test
    void theActionBarOpensOneFormUnderItAndASaveLandsOnTheTimeline() {
        String page = web.get("/arenden/" + alva).body();
        assertThat(page).contains("id=\"action-bar\"", "id=\"action-kontakt\"", "id=\"action-sysselsattning\"",
                "id=\"action-insats\"", "id=\"action-anteckning\"", "id=\"action-brev\"", "id=\"action-sms\"");
        assertThat(page).doesNotContain("id=\"contact-form\"", "id=\"note-form\"", "id=\"measure-form\"");

        String contact = web.get("/arenden/" + alva + "?gora=kontakt").body();
        assertThat(contact).contains("id=\"gora-heading\">Registrera kontaktförsök", "id=\"contact-form\"")
                .doesNotContain("id=\"note-form\"");
        assertThat(web.get("/arenden/" + alva + "?gora=anteckning").body())
                .contains("id=\"note-form\"", "Registrera inte känsliga personuppgifter");
        assertThat(web.get("/arenden/" + alva + "?gora=okant").body()).doesNotContain("id=\"gora\"");

        HttpResponse<String> saved = web.post("/arenden/" + alva + "/kontakter", form("version", v(alva),
                "attemptedAt", "2026-11-21T14:00", "channel", "PHONE", "outcome", "REACHED"));
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/arenden/" + alva + "#tidslinje");

        // a refused save shows the form it came from, open, with her input
        HttpResponse<String> refused = web.post("/arenden/" + alva + "/anteckningar", form("version", "0", "text", "Ny rad"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"note-form\"", "Ny rad");
    }

    @Test
    void theSummarySaysTheNextStepInTheWordsOfTheWorklistLine() {
        // three states: not tried, tried and not reached with a next attempt due, reached with nothing due
        saved(web.post("/arenden/" + greta + "/kontakter", form("version", v(greta), "attemptedAt", "2026-11-03T09:00",
                "channel", "PHONE", "outcome", "NO_ANSWER", "nextAttemptDue", "2026-11-20")));
        String worklist = web.get("/arenden").body();
        Map<Long, String> lines = new LinkedHashMap<>();
        Matcher m = Pattern.compile("id=\"next-(\\d+)\"><span>([^<]+)</span>").matcher(worklist);
        while (m.find()) {
            lines.put(Long.parseLong(m.group(1)), m.group(2));
        }
        assertThat(lines).containsOnlyKeys(alva, greta);
        assertThat(lines.get(alva)).startsWith("Inget kontaktförsök");
        assertThat(lines.get(greta)).isNotEqualTo(lines.get(alva));
        for (Map.Entry<Long, String> line : lines.entrySet()) {
            assertThat(nextStep(web.get("/arenden/" + line.getKey()).body())).isEqualTo(line.getValue());
        }
        String alvasPage = web.get("/arenden/" + alva).body();
        assertThat(alvasPage).contains("id=\"address\">Storgatan 1, 83130 Östersund", "id=\"school\">12345678",
                "id=\"entered\">2026-11-02", "id=\"assignee\">Ingen handläggare");
        // Greta has protected identity: no address, no letter or message to her
        String gretasPage = web.get("/arenden/" + greta).body();
        assertThat(gretasPage).contains("id=\"address\">Visas inte – skyddad identitet")
                .doesNotContain("Hemliga vägen", "id=\"action-brev\"", "id=\"action-sms\"");
    }

    @Test
    void aClosedCaseSaysSoAtTheTopAndOffersNoFormThatWouldBeRefused() {
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, next_attempt_due, recorded_by, recorded_at)
                VALUES (?, TIMESTAMPTZ '2026-11-10 10:00+01', 'PHONE', 'NO_ANSWER', DATE '2026-11-17', 'test', now())""")
                .param(alva).update();
        assertThat(web.get("/arenden/" + alva).body()).contains("id=\"next-attempt-due\">2026-11-17");
        jdbc.sql("UPDATE casework_case SET status = 'CLOSED', closed_on = DATE '2026-11-15', exit_reason = 'UTFLYTTAD' WHERE id = ?")
                .param(alva).update();
        String page = web.get("/arenden/" + alva).body();
        assertThat(page).contains("id=\"case-closed\"", "Ärendet avslutades 2026-11-15: Utflyttad.",
                "Tidsfristerna stannade den dagen", "id=\"next-step\"", "Inget – ärendet är avslutat",
                "Ärendet avslutades 2026-11-15: tidsfristerna räknas fram till den dagen.");
        // no next attempt to plan on a closed case, though one was planned before it closed
        assertThat(page).doesNotContain("id=\"next-attempt-due\"");
        // no worklist line, but her school all the same (the worklist's definition, asked alone)
        assertThat(page).contains("id=\"school\">12345678");
        // contact attempts and notes are still taken; occupations, measures, the goal and contact details are not
        assertThat(page).contains("id=\"action-kontakt\"", "id=\"action-anteckning\"")
                .doesNotContain("id=\"action-sysselsattning\"", "id=\"action-insats\"", "id=\"goal-form\"",
                        "name=\"phone\"");
        assertThat(web.get("/arenden/" + alva + "?gora=insats").body()).doesNotContain("id=\"measure-form\"");
        assertThat(web.get("/arenden/" + alva + "?gora=kontakt").body()).contains("id=\"contact-form\"");
        saved(web.post("/arenden/" + alva + "/anteckningar", form("version", v(alva), "text", "Har flyttat till Umeå")));
        assertThat(timeline(web.get("/arenden/" + alva).body())).contains("Har flyttat till Umeå");
        // the handover names the new home municipality, not its code alone
        jdbc.sql("""
                INSERT INTO casework_case_event (case_id, occurred_at, kind, on_date, reason, actor)
                VALUES (?, now(), 'HANDOVER', DATE '2026-11-15', '2361', 'system')""").param(alva).update();
        assertThat(timeline(web.get("/arenden/" + alva).body()))
                .contains("Överlämnat till ny hemkommun", "Flyttade 2026-11-15; överlämnat till 2361 Härjedalen");
    }

    // --- helpers

    /** The list "Vad som ändrades" of a revision of Alva's plan. */
    private List<String> changes(int revision) {
        HttpResponse<String> page = web.get("/arenden/" + alva + "/plan/versioner/" + revision);
        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        int start = body.indexOf("id=\"changes\"");
        assertThat(start).as("revision %d lists its changes", revision).isPositive();
        List<String> lines = new ArrayList<>();
        Matcher m = Pattern.compile("<li>([^<]+)</li>").matcher(body.substring(start, body.indexOf("</ul>", start)));
        while (m.find()) {
            lines.add(m.group(1).replace("&quot;", "\""));
        }
        return lines;
    }

    /** The bold line of each timeline entry, in page order. */
    private static List<String> titles(String page) {
        List<String> titles = new ArrayList<>();
        Matcher m = Pattern.compile("<p class=\"tl-title\"><(?:strong|del)>([^<]+)</").matcher(timeline(page));
        while (m.find()) {
            titles.add(m.group(1));
        }
        return titles;
    }

    private static String timeline(String page) {
        int start = page.indexOf("id=\"timeline\"");
        assertThat(start).as("the page has a timeline").isPositive();
        return page.substring(start, page.indexOf("</ol>", start));
    }

    private static String nextStep(String page) {
        Matcher m = Pattern.compile("id=\"next-step\">\\s*<span>([^<]+)</span>").matcher(page);
        assertThat(m.find()).as("the summary has a next step").isTrue();
        return m.group(1);
    }

    private static void saved(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    }

    private String v(long caseId) {
        return String.valueOf(jdbc.sql("SELECT version FROM casework_case WHERE id = ?").param(caseId)
                .query(Long.class).single());
    }

    private String measureType(String code) {
        if (jdbc.sql("SELECT count(*) FROM casework_measure_type WHERE municipality = '2380'").query(Integer.class).single() == 0) {
            web.get("/arenden/" + alva); // the catalogue is seeded on first use
        }
        return String.valueOf(jdbc.sql("SELECT id FROM casework_measure_type WHERE municipality = '2380' AND code = ?")
                .param(code).query(Long.class).single());
    }

    private static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private void upload(String path, String csv) {
        assertThat(http.upload("/api/v1/imports/" + path, "f.csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(201);
    }

    private long caseOf(String pnr) {
        return jdbc.sql("SELECT c.id FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.pnr = ?")
                .param(pnr).query(Long.class).single();
    }
}
