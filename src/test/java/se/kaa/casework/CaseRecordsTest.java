package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The case page and what is recorded on a case, over real HTTP as the case worker role-handlaggare
 * (granted 2380): forms and API, Swedish field errors, optimistic locking, sensitive text, protected
 * identity, plan revisions, audit, and a case of another municipality that does not exist for her.
 */
@KaaIntegrationTest
class CaseRecordsTest {

    static final String FOLKBOKFORING_2380 = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802282384;Greta;Gran;2380;2008-02-28;;Hemliga vägen 4;83130;Östersund;JA;NORMAL
            """; // Skatteverket test numbers
    static final String INSKRIVNINGAR_2380 = """
            personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
            200801172388;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-11-01;AVBROTT
            200802282384;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-11-01;AVBROTT
            """;
    static final String FOLKBOKFORING_2361 = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801012386;Carl;Ceder;2361;2008-01-01;;Byvägen 2;84031;Åre;NEJ;NORMAL
            """;
    static final String INSKRIVNINGAR_2361 = """
            personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
            200801012386;87654321;Åre kommun;GY;NA;2024-08-19;2026-11-01;AVBROTT
            """;

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    long alva;
    long greta;
    long carl;
    WebSession web;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
        WebSession http = WebSession.api(port);
        upload(http, "folkbokforing?municipality=2380&asOf=2026-09-01", FOLKBOKFORING_2380);
        upload(http, "inskrivningar?municipality=2380", INSKRIVNINGAR_2380);
        upload(http, "folkbokforing?municipality=2361&asOf=2026-09-01", FOLKBOKFORING_2361);
        upload(http, "inskrivningar?municipality=2361", INSKRIVNINGAR_2361);
        alva = caseOf("200801172388");
        greta = caseOf("200802282384");
        carl = caseOf("200801012386");
        web = login();
    }

    // --- the page

    @Test
    void thePageShowsHerCaseStateAndClocksAndIsAudited() {
        HttpResponse<String> page = web.get("/arenden/" + alva);
        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("Alva Ek", "20080117-2388", "18 år", "Avbrott", "2026-11-02", "Öppet", "Ingen handläggare");
        assertThat(body).contains("href=\"/arenden\"", "href=\"/personer/");
        assertThat(body).contains("id=\"contact-state\">Inte försökt");
        assertThat(body).contains("Försenad: 20 dagar sedan inträdet, målet är 7 dagar");
        assertThat(audits("CASE_VIEWED")).isEqualTo(1);
        assertThat(web.get("/arenden/" + alva + "?gora=anteckning").body()).contains("Registrera inte känsliga personuppgifter");
    }

    @Test
    void thePersonPageLinksToHerCasesOpenOrClosedAndTheCaseBack() {
        String person = jdbc.sql("SELECT person_id::text FROM casework_case WHERE id = ?").param(alva).query(String.class).single();
        assertThat(web.get("/arenden/" + alva).body()).contains("href=\"/personer/" + person + "\"");
        String page = web.get("/personer/" + person).body();
        assertThat(page).contains("href=\"/arenden/" + alva + "\"", "Ärende " + alva + " i 2380 Östersund",
                "öppet sedan 2026-11-02");
        jdbc.sql("UPDATE casework_case SET status = 'CLOSED', closed_on = DATE '2026-11-20', exit_reason = 'EXAMEN' WHERE id = ?")
                .param(alva).update();
        assertThat(web.get("/personer/" + person).body()).contains("href=\"/arenden/" + alva + "\"", "avslutat 2026-11-20")
                .doesNotContain("öppet sedan");
        // the administrator reads the person but works no cases: no links to them
        WebSession admin = new WebSession(port);
        admin.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        HttpResponse<String> asAdmin = admin.get("/personer/" + person);
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        assertThat(asAdmin.body()).doesNotContain("/arenden/" + alva);
        // a person without a case in the granted municipalities says so
        String carlsPerson = jdbc.sql("SELECT person_id::text FROM casework_case WHERE id = ?").param(carl).query(String.class).single();
        jdbc.sql("DELETE FROM casework_case WHERE id = ?").param(greta).update();
        String gretasPerson = jdbc.sql("SELECT id::text FROM person WHERE pnr = '200802282384'").query(String.class).single();
        assertThat(web.get("/personer/" + gretasPerson).body()).contains("Inget ärende hos kommunerna du har behörighet till.");
        assertThat(web.get("/personer/" + carlsPerson).statusCode()).isEqualTo(404);
    }

    @Test
    void aCaseOfAnotherMunicipalityIsNotFound() {
        assertThat(web.get("/arenden/" + carl).statusCode()).isEqualTo(404);
        assertThat(web.get("/arenden/999999").statusCode()).isEqualTo(404);
        assertThat(web.get("/arenden/abc").statusCode()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/cases/" + carl, null).statusCode()).isEqualTo(404);
        HttpResponse<String> write = api("POST", "/api/v1/cases/" + carl + "/notes", "{\"version\":0,\"text\":\"hej\"}");
        assertThat(write.statusCode()).isEqualTo(404);
        assertThat(web.post("/arenden/" + carl + "/anteckningar", Map.of("version", "0", "text", "hej")).statusCode())
                .isEqualTo(404);
        assertThat(count("casework_note")).isZero();
    }

    // --- striking out a wrongly logged attempt

    @Test
    void aWronglyLoggedAttemptIsStruckOutOnThePageStaysInTheHistoryAndNoLongerCounts() {
        assertThat(web.post("/arenden/" + alva + "/kontakter", form("version", "0", "attemptedAt", "2026-11-20T10:15",
                "channel", "PHONE", "outcome", "REACHED", "nextAttemptDue", "2026-12-01")).statusCode()).isEqualTo(302);
        long contact = jdbc.sql("SELECT id FROM casework_contact_attempt WHERE case_id = ?").param(alva).query(Long.class).single();
        assertThat(web.get("/arenden/" + alva).body()).contains("id=\"contact-state\">Nådd");

        HttpResponse<String> unconfirmed = web.post("/arenden/" + alva + "/kontakter/" + contact + "/stryk",
                form("version", String.valueOf(version(alva)), "reason", "Fel ärende"));
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("Bekräfta att kontaktförsöket ska strykas", "Fel ärende");
        HttpResponse<String> noReason = web.post("/arenden/" + alva + "/kontakter/" + contact + "/stryk",
                form("version", String.valueOf(version(alva)), "reason", " ", "confirmStrike", "true"));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("id=\"strike-" + contact + "-reason-error\"");

        HttpResponse<String> struck = web.post("/arenden/" + alva + "/kontakter/" + contact + "/stryk",
                form("version", String.valueOf(version(alva)), "reason", "Registrerat på fel ärende", "confirmStrike", "true"));
        assertThat(struck.statusCode()).isEqualTo(302);
        String page = web.get("/arenden/" + alva).body();
        assertThat(page).contains("Kontaktförsöket är struket", "id=\"contact-state\">Inte försökt",
                "Struket 2026-11-22 12:00 av role-handlaggare. Skäl: Registrerat på fel ärende", "<del>");
        assertThat(page).contains("Försenad: 20 dagar sedan inträdet");
        assertThat(count("casework_contact_attempt")).as("kept in the history").isEqualTo(1);
        assertThat(audits("CASE_CONTACT_STRUCK")).isEqualTo(1);

        HttpResponse<String> again = web.post("/arenden/" + alva + "/kontakter/" + contact + "/stryk",
                form("version", String.valueOf(version(alva)), "reason", "Igen", "confirmStrike", "true"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("Kontaktförsöket är redan struket");
        assertThat(web.post("/arenden/" + greta + "/kontakter/" + contact + "/stryk",
                form("version", String.valueOf(version(greta)), "reason", "x", "confirmStrike", "true")).statusCode())
                .as("an attempt of another case").isEqualTo(404);
    }

    @Test
    void theApiStrikesOutAnAttemptWithProblemDetails() {
        HttpResponse<String> created = api("POST", "/api/v1/cases/" + alva + "/contacts", """
                {"version": 0, "attemptedAt": "2026-11-20T10:15", "channel": "PHONE", "outcome": "NO_ANSWER"}""");
        assertThat(created.statusCode()).isEqualTo(201);
        long contact = json(created).get("id").asLong();
        long v = json(created).get("version").asLong();
        String path = "/api/v1/cases/" + alva + "/contacts/" + contact + "/strike";

        HttpResponse<String> missing = api("POST", path, "{\"version\": " + v + "}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(missing).get("errors").get(0).get("field").asString()).isEqualTo("reason");
        HttpResponse<String> tooLong = api("POST", path, "{\"version\": " + v + ", \"reason\": \"" + "x".repeat(501) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).get("errors").get(0).get("message").asString()).contains("500");
        assertThat(api("POST", "/api/v1/cases/" + alva + "/contacts/987654/strike",
                "{\"version\": " + v + ", \"reason\": \"Fel\"}").statusCode()).isEqualTo(404);

        HttpResponse<String> struck = api("POST", path, "{\"version\": " + v + ", \"reason\": \"Dubbelregistrerat\"}");
        assertThat(struck.statusCode()).as(struck.body()).isEqualTo(200);
        assertThat(json(struck).get("version").asLong()).isEqualTo(v + 1);
        JsonNode detail = json(api("GET", "/api/v1/cases/" + alva, null));
        JsonNode c = detail.get("contacts").get(0);
        assertThat(c.get("struck").asBoolean()).isTrue();
        assertThat(c.get("struckBy").asString()).isEqualTo("role-handlaggare");
        assertThat(c.get("struckReason").asString()).isEqualTo("Dubbelregistrerat");
        assertThat(detail.get("state").get("contactState").asString()).isEqualTo("NOT_TRIED");
        assertThat(detail.get("state").get("clocks").get("firstAttempt").has("doneOn")).isFalse();

        HttpResponse<String> again = api("POST", path, "{\"version\": " + (v + 1) + ", \"reason\": \"Igen\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(again.body()).contains("redan struket");
    }

    // --- forms

    @Test
    void aContactAttemptIsRecordedThroughTheForm() {
        HttpResponse<String> saved = web.post("/arenden/" + alva + "/kontakter", form("version", "0",
                "attemptedAt", "2026-11-20T10:15", "channel", "PHONE", "outcome", "REACHED", "note", "Pratade en stund",
                "nextAttemptDue", "2026-12-01"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).contains("/arenden/" + alva);
        assertThat(version(alva)).isEqualTo(1);
        String page = web.get("/arenden/" + alva).body();
        assertThat(page).contains("2026-11-20 10:15", "Telefon", "Pratade en stund", "id=\"contact-state\">Nådd");
        assertThat(page).contains("Klar 2026-11-20");
        assertThat(audits("CASE_CONTACT_RECORDED")).isEqualTo(1);
    }

    @Test
    void wrongFieldsAreRefusedInSwedishWithHerInputKept() {
        HttpResponse<String> refused = web.post("/arenden/" + alva + "/kontakter", form("version", "0",
                "attemptedAt", "igår", "channel", "", "outcome", "REACHED", "note", "Ringde mamma"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Ange datum och tid", "Fältet måste fyllas i.", "Ringde mamma", "value=\"igår\"");
        assertThat(refused.body()).contains("aria-invalid=\"true\"");
        // every wrong field at once, each named in the summary at the top
        assertThat(refused.body()).contains("Datum och tid: Ange datum och tid", "Kanal: Fältet måste fyllas i.");
        assertThat(count("casework_contact_attempt")).isZero();
        assertThat(version(alva)).isZero();

        HttpResponse<String> measure = web.post("/arenden/" + alva + "/atgarder", form("version", "0",
                "measureTypeId", String.valueOf(measureType("PRAKTIK")), "responsible", "OTHER", "responsibleActor", "",
                "status", "OFFERED", "offeredOn", "2026-11-20"));
        assertThat(measure.statusCode()).isEqualTo(400);
        assertThat(measure.body()).contains("Ange vem som ansvarar");
        assertThat(count("casework_measure")).isZero();
    }

    /** Saves that arrive together on one case: the case's row lock and version let exactly one through. */
    @Test
    void ofEightSavesAtOnceOnTheSameVersionExactlyOneIsKept() throws Exception {
        java.util.List<Integer> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<java.util.concurrent.Callable<Void>> saves = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String body = i % 2 == 0 ? "{\"version\":0,\"text\":\"Anteckning " + i + "\"}"
                    : "{\"version\":0,\"goal\":\"Mål " + i + "\"}";
            String path = "/api/v1/cases/" + alva + (i % 2 == 0 ? "/notes" : "/plan");
            String method = i % 2 == 0 ? "POST" : "PUT";
            saves.add(() -> {
                statuses.add(api(method, path, body).statusCode());
                return null;
            });
        }
        se.kaa.testsupport.Concurrently.run(8, saves);
        assertThat(statuses.stream().filter(st -> st == 201 || st == 200).count()).as(statuses.toString()).isEqualTo(1);
        assertThat(statuses.stream().filter(st -> st == 409).count()).as(statuses.toString()).isEqualTo(7);
        assertThat(version(alva)).isEqualTo(1);
        assertThat(count("casework_note") + jdbc.sql("SELECT count(*) FROM casework_plan_revision").query(Integer.class)
                .single()).isEqualTo(1);
    }

    @Test
    void theSecondOfTwoSavesIsRefusedAndHerInputKept() {
        WebSession other = login();
        assertThat(web.get("/arenden/" + alva).body()).contains("name=\"version\" value=\"0\"");
        assertThat(other.get("/arenden/" + alva).body()).contains("name=\"version\" value=\"0\"");

        assertThat(web.post("/arenden/" + alva + "/anteckningar", form("version", "0", "text", "Första anteckningen"))
                .statusCode()).isEqualTo(302);
        HttpResponse<String> second = other.post("/arenden/" + alva + "/plan",
                form("version", "0", "goal", "Börja på komvux i januari"));
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("Ärendet har ändrats av någon annan", "Börja på komvux i januari");
        assertThat(second.body()).contains("Första anteckningen"); // the page shows what the other one saved
        assertThat(second.body()).contains("name=\"version\" value=\"1\"");
        assertThat(jdbc.sql("SELECT count(*) FROM casework_plan_revision").query(Integer.class).single()).isZero();

        // she saves again on the page she got back: now it applies
        assertThat(other.post("/arenden/" + alva + "/plan", form("version", "1", "goal", "Börja på komvux i januari"))
                .statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT goal FROM casework_plan").query(String.class).single())
                .isEqualTo("Börja på komvux i januari");
    }

    @Test
    void sensitiveTextIsNotSavedUntilConfirmed() {
        HttpResponse<String> warned = web.post("/arenden/" + alva + "/anteckningar",
                form("version", "0", "text", "Hon har ADHD och är med i en moské"));
        assertThat(warned.statusCode()).isEqualTo(422);
        assertThat(warned.body()).contains("känsliga personuppgifter", "hälsa", "religion", "adhd", "moské",
                "name=\"confirmSensitive\"", "Hon har ADHD och är med i en moské");
        assertThat(count("casework_note")).isZero();
        assertThat(version(alva)).isZero();

        assertThat(web.post("/arenden/" + alva + "/anteckningar",
                form("version", "0", "text", "Hon har ADHD och är med i en moské", "confirmSensitive", "true"))
                .statusCode()).isEqualTo(302);
        assertThat(count("casework_note")).isEqualTo(1);

        // the same check on a contact attempt's note
        HttpResponse<String> contact = web.post("/arenden/" + alva + "/kontakter", form("version", "1",
                "attemptedAt", "2026-11-20T10:15", "channel", "PHONE", "outcome", "NO_ANSWER", "note", "Sitter på anstalt"));
        assertThat(contact.statusCode()).isEqualTo(422);
        assertThat(contact.body()).contains("brott");
    }

    @Test
    void occupationMeasureChangeAndContactDetailsThroughTheForms() {
        assertThat(web.post("/arenden/" + alva + "/sysselsattning", form("version", "0", "type", "WORK",
                "source", "YOUNG_PERSON", "started", "2026-11-10", "verifiedOn", "2026-11-20")).statusCode()).isEqualTo(302);
        assertThat(web.post("/arenden/" + alva + "/atgarder", form("version", "1",
                "measureTypeId", String.valueOf(measureType("SYV")), "responsible", "MUNICIPALITY", "status", "OFFERED",
                "offeredOn", "2026-11-21", "followUp", "2026-12-15")).statusCode()).isEqualTo(302);
        long measure = jdbc.sql("SELECT id FROM casework_measure").query(Long.class).single();
        assertThat(web.post("/arenden/" + alva + "/atgarder/" + measure, form("version", "2", "responsible", "MUNICIPALITY",
                "status", "ENDED", "decidedOn", "2026-11-21", "starts", "2026-11-21", "ends", "2026-11-22",
                "endReason", "Genomförd")).statusCode()).isEqualTo(302);
        assertThat(web.post("/arenden/" + alva + "/kontaktuppgifter", form("version", "3", "phone", "070-123 45 67",
                "email", "alva@exempel.se")).statusCode()).isEqualTo(302);
        HttpResponse<String> badEmail = web.post("/arenden/" + alva + "/kontaktuppgifter",
                form("version", "4", "phone", "", "email", "inte-en-adress"));
        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(badEmail.body()).contains("Ange en e-postadress", "inte-en-adress");

        String page = web.get("/arenden/" + alva).body();
        assertThat(page).contains("Arbete", "Studie- och yrkesvägledning", "Avslutad", "Genomförd", "070-123 45 67",
                "alva@exempel.se", "Version 2");
        assertThat(jdbc.sql("SELECT status FROM casework_measure").query(String.class).single()).isEqualTo("ENDED");
        assertThat(audits("CASE_OCCUPATION_RECORDED")).isEqualTo(1);
        assertThat(audits("CASE_MEASURE_RECORDED")).isEqualTo(1);
        assertThat(audits("CASE_MEASURE_CHANGED")).isEqualTo(1);
        assertThat(audits("CASE_CONTACT_DETAILS_CHANGED")).isEqualTo(1);
    }

    @Test
    void everyChangeOfThePlanIsARevisionThatCanBeViewed() throws Exception {
        String type = String.valueOf(measureType("PRAKTIK"));
        HttpResponse<String> goal = api("PUT", "/api/v1/cases/" + alva + "/plan", "{\"version\":0,\"goal\":\"Arbete\"}");
        assertThat(goal.statusCode()).isEqualTo(200);
        assertThat(json(goal).get("version").asLong()).isEqualTo(1);
        HttpResponse<String> measure = api("POST", "/api/v1/cases/" + alva + "/measures", """
                {"version":1,"measureTypeId":"%s","responsible":"OTHER","responsibleActor":"Företaget AB",
                 "status":"OFFERED","offeredOn":"2026-11-20"}""".formatted(type));
        assertThat(measure.statusCode()).isEqualTo(201);
        long measureId = json(measure).get("id").asLong();
        HttpResponse<String> patch = api("PATCH", "/api/v1/cases/" + alva + "/measures/" + measureId,
                "{\"version\":2,\"status\":\"ACCEPTED\",\"decidedOn\":\"2026-11-21\"}");
        assertThat(patch.statusCode()).isEqualTo(200);
        assertThat(json(patch).get("version").asLong()).isEqualTo(3);

        assertThat(jdbc.sql("SELECT revision FROM casework_plan_revision ORDER BY revision").query(Integer.class).list())
                .containsExactly(1, 2, 3);
        HttpResponse<String> list = web.get("/arenden/" + alva + "/plan/versioner");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Version 1", "Version 2", "Version 3");
        HttpResponse<String> first = web.get("/arenden/" + alva + "/plan/versioner/1");
        assertThat(first.body()).contains("Arbete", "Inga insatser ännu.");
        HttpResponse<String> second = web.get("/arenden/" + alva + "/plan/versioner/2");
        assertThat(second.body()).contains("Företaget AB", "Erbjuden");
        assertThat(web.get("/arenden/" + alva + "/plan/versioner/3").body()).contains("Accepterad");
        assertThat(web.get("/arenden/" + alva + "/plan/versioner/9").statusCode()).isEqualTo(404);
        assertThat(audits("CASE_PLAN_VIEWED")).isEqualTo(4);

        // a PATCH changes only what it names: an empty string clears, absent or null leaves it
        HttpResponse<String> cleared = api("PATCH", "/api/v1/cases/" + alva + "/measures/" + measureId,
                "{\"version\":3,\"decidedOn\":\"\",\"status\":\"OFFERED\",\"note\":null}");
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT coalesce(decided_on::text, '-') || ' ' || status || ' ' || responsible_actor FROM casework_measure WHERE id = ?")
                .param(measureId).query(String.class).single()).isEqualTo("- OFFERED Företaget AB");
        HttpResponse<String> wrongType = api("PATCH", "/api/v1/cases/" + alva + "/measures/" + measureId,
                "{\"version\":4,\"ends\":\"snart\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).get("errors").get(0).get("field").asString()).isEqualTo("ends");
        assertThat(json(wrongType).get("errors").get(0).get("message").asString()).isEqualTo("Ange ett datum som ÅÅÅÅ-MM-DD.");
    }

    // --- API

    @Test
    void theApiRecordsAndShowsEverything() throws Exception {
        assertThat(api("POST", "/api/v1/cases/" + alva + "/contacts", """
                {"version":0,"attemptedAt":"2026-11-03T09:00","channel":"LETTER","outcome":"NO_ANSWER",
                 "nextAttemptDue":"2026-11-25"}""").statusCode()).isEqualTo(201);
        HttpResponse<String> occupation = api("POST", "/api/v1/cases/" + alva + "/occupations", """
                {"version":1,"type":"WORK","source":"SCHOOL","verifiedOn":"2026-01-10"}""");
        assertThat(occupation.statusCode()).isEqualTo(201);
        assertThat(occupation.headers().firstValue("Location").orElseThrow()).endsWith("/api/v1/cases/" + alva);
        HttpResponse<String> note = api("POST", "/api/v1/cases/" + alva + "/notes", "{\"version\":2,\"text\":\"Ringer igen\"}");
        assertThat(note.statusCode()).isEqualTo(201);
        assertThat(json(note).get("version").asLong()).isEqualTo(3);
        assertThat(api("PUT", "/api/v1/cases/" + alva + "/contact-details",
                "{\"version\":3,\"phone\":\"0701234567\"}").statusCode()).isEqualTo(200);

        HttpResponse<String> got = api("GET", "/api/v1/cases/" + alva, null);
        assertThat(got.statusCode()).isEqualTo(200);
        JsonNode c = json(got);
        assertThat(c.get("version").asLong()).isEqualTo(4);
        assertThat(c.get("status").asString()).isEqualTo("OPEN");
        assertThat(c.get("person").get("name").asString()).isEqualTo("Alva Ek");
        assertThat(c.get("contactDetails").get("phone").asString()).isEqualTo("0701234567");
        assertThat(c.get("state").get("contactState").asString()).isEqualTo("TRIED_NOT_REACHED");
        assertThat(c.get("state").get("clocks").get("firstAttempt").get("days").asInt()).isEqualTo(1);
        assertThat(c.get("state").get("clocks").get("firstContact").get("overdue").asBoolean()).isTrue();
        assertThat(c.get("contacts").get(0).get("channel").asString()).isEqualTo("LETTER");
        assertThat(c.get("occupations").get(0).get("stale").asBoolean()).as("verified 2026-01-10, stale after at most 180 days").isTrue();
        assertThat(c.get("notes").get(0).get("text").asString()).isEqualTo("Ringer igen");
        assertThat(c.get("events").get(0).get("kind").asString()).isEqualTo("OPENED");
        assertThat(c.get("plan").get("measures").isArray()).isTrue();
        assertThat(audits("CASE_VIEWED")).isEqualTo(1);
    }

    @Test
    void theApiAnswersProblemsNamingTheField() throws Exception {
        HttpResponse<String> invalid = api("POST", "/api/v1/cases/" + alva + "/contacts",
                "{\"version\":0,\"attemptedAt\":\"2026-11-03T09:00\",\"channel\":\"PIGEON\",\"outcome\":\"REACHED\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        assertThat(json(invalid).get("errors").get(0).get("field").asString()).isEqualTo("channel");
        assertThat(json(invalid).get("errors").get(0).get("message").asString()).isEqualTo("Välj ett av alternativen.");

        HttpResponse<String> noVersion = api("POST", "/api/v1/cases/" + alva + "/notes", "{\"text\":\"hej\"}");
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(json(noVersion).get("errors").get(0).get("field").asString()).isEqualTo("version");

        assertThat(api("POST", "/api/v1/cases/" + alva + "/notes", "{\"version\":0,\"text\":\"hej\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> stale = api("POST", "/api/v1/cases/" + alva + "/notes", "{\"version\":0,\"text\":\"igen\"}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).get("detail").asString()).startsWith("Ärendet har ändrats av någon annan");

        HttpResponse<String> sensitive = api("POST", "/api/v1/cases/" + alva + "/notes",
                "{\"version\":1,\"text\":\"Hon är dömd för stöld\"}");
        assertThat(sensitive.statusCode()).isEqualTo(422);
        assertThat(json(sensitive).get("errors").get(0).get("field").asString()).isEqualTo("text");
        assertThat(json(sensitive).get("errors").get(0).get("message").asString()).contains("brott", "dömd", "stöld");
        assertThat(api("POST", "/api/v1/cases/" + alva + "/notes",
                "{\"version\":1,\"text\":\"Hon är dömd för stöld\",\"confirmSensitive\":true}").statusCode()).isEqualTo(201);
        assertThat(count("casework_note")).isEqualTo(2);

        assertThat(api("PATCH", "/api/v1/cases/" + alva + "/measures/424242", "{\"version\":2}").statusCode())
                .isEqualTo(404);
        assertThat(api("POST", "/api/v1/cases/" + alva + "/measures",
                "{\"version\":2,\"measureTypeId\":\"999999\",\"responsible\":\"MUNICIPALITY\",\"status\":\"OFFERED\",\"offeredOn\":\"2026-11-20\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void aClosedCaseTakesContactsAndNotesButNotTheRest() {
        jdbc.sql("UPDATE casework_case SET status = 'CLOSED', closed_on = DATE '2026-11-20', exit_reason = 'UTFLYTTAD' WHERE id = ?")
                .param(alva).update();
        assertThat(web.get("/arenden/" + alva).body()).contains("Avslutat 2026-11-20 (");
        HttpResponse<String> occupation = api("POST", "/api/v1/cases/" + alva + "/occupations",
                "{\"version\":0,\"type\":\"WORK\",\"source\":\"SCHOOL\",\"verifiedOn\":\"2026-11-10\"}");
        assertThat(occupation.statusCode()).isEqualTo(409);
        assertThat(occupation.body()).contains("Ärendet är avslutat");
        assertThat(api("POST", "/api/v1/cases/" + alva + "/notes", "{\"version\":0,\"text\":\"Flyttade till Umeå\"}")
                .statusCode()).isEqualTo(201);
    }

    @Test
    void contactDetailsOfAProtectedIdentityAreHidden() throws Exception {
        jdbc.sql("INSERT INTO casework_contact_details (case_id, phone, email, updated_by, updated_at) VALUES (?, '0709998877', 'greta@exempel.se', 'x', now())")
                .param(greta).update();
        String page = web.get("/arenden/" + greta).body();
        assertThat(page).contains("id=\"protected-marker\"", "Kontaktuppgifterna är dolda");
        assertThat(page).doesNotContain("0709998877", "greta@exempel.se", "Hemliga vägen");
        JsonNode c = json(api("GET", "/api/v1/cases/" + greta, null));
        assertThat(c.get("contactDetailsHidden").asBoolean()).isTrue();
        assertThat(c.has("contactDetails") && !c.get("contactDetails").isNull()).isFalse();
        assertThat(c.toString()).doesNotContain("0709998877");
        assertThat(api("PUT", "/api/v1/cases/" + greta + "/contact-details", "{\"version\":0,\"phone\":\"0701\"}")
                .statusCode()).isEqualTo(403);

        // with the permission to see protected addresses she sees them
        jdbc.sql("UPDATE app_user SET protected_addresses = true WHERE username = ?")
                .param(TestUsers.username(Role.HANDLAGGARE)).update();
        assertThat(login().get("/arenden/" + greta).body()).contains("0709998877");
    }

    @Test
    void theAdministratorKeepsTheMeasureCatalogue() {
        WebSession admin = new WebSession(port);
        admin.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        HttpResponse<String> page = admin.get("/admin/arenden/atgarder?municipality=2380");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Studie- och yrkesvägledning", "Motiverande samtal", "Folkhögskola", "Komvux",
                "Introduktionsprogram", "Arbetsmarknadsinsats med Arbetsförmedlingen", "Kontakt med socialtjänsten", "Annat");
        assertThat(admin.post("/admin/arenden/atgarder", Map.of("municipality", "2380", "name", "Feriejobb",
                "category", "PRAKTIK")).statusCode()).isEqualTo(302);
        HttpResponse<String> bad = admin.post("/admin/arenden/atgarder", Map.of("municipality", "2380", "name", "",
                "category", "NOPE"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Ange ett namn", "Välj en rapporteringskategori");
        long annat = measureType("ANNAT");
        assertThat(admin.post("/admin/arenden/atgarder/" + annat, Map.of("municipality", "2380", "name", "Annan insats",
                "category", "OVRIGT")).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT name || ':' || active FROM casework_measure_type WHERE id = ?").param(annat)
                .query(String.class).single()).isEqualTo("Annan insats:false");
        assertThat(jdbc.sql("SELECT reporting_category FROM casework_measure_type WHERE name = 'Feriejobb'")
                .query(String.class).single()).isEqualTo("PRAKTIK");
        // the case worker cannot choose the deactivated one
        assertThat(web.get("/arenden/" + alva + "?gora=insats").body()).contains("Feriejobb").doesNotContain("Annan insats");
        assertThat(web.get("/admin/arenden/atgarder").statusCode()).isIn(302, 403);
    }

    // --- helpers

    private WebSession login() {
        WebSession s = new WebSession(port);
        assertThat(s.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD).statusCode()).isEqualTo(302);
        return s;
    }

    private HttpResponse<String> api(String method, String path, String body) {
        return WebSession.api(port, TestUsers.basic(Role.HANDLAGGARE)).request(method, path, body);
    }

    private static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    private static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private void upload(WebSession http, String path, String csv) {
        assertThat(http.upload("/api/v1/imports/" + path, "f.csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(201);
    }

    private long caseOf(String pnr) {
        return jdbc.sql("SELECT c.id FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.pnr = ?")
                .param(pnr).query(Long.class).single();
    }

    private long version(long caseId) {
        return jdbc.sql("SELECT version FROM casework_case WHERE id = ?").param(caseId).query(Long.class).single();
    }

    private int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }

    private int audits(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = ?").param(action).query(Integer.class).single();
    }

    private long measureType(String code) {
        // the catalogue is seeded on first use: the case page or the admin page
        if (jdbc.sql("SELECT count(*) FROM casework_measure_type WHERE municipality = '2380'").query(Integer.class).single() == 0) {
            web.get("/arenden/" + alva);
        }
        return jdbc.sql("SELECT id FROM casework_measure_type WHERE municipality = '2380' AND code = ?").param(code)
                .query(Long.class).single();
    }
}
