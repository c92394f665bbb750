package se.kaa.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.PdfUa;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The register extract over real HTTP: every class of fact with its source, notices, rejected rows
 * with her number, episodes and today's explanation as JSON; a valid Swedish PDF with her name and
 * every section, accessible (PDF/UA-1 by veraPDF); problem details for an unknown person.
 */
@KaaIntegrationTest
class RegisterExtractTest {

    static final String ASA = "200701012387"; // Åsa Öberg, Skatteverket test number

    static final String INSKRIVNINGAR = """
            personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
            200701012387;12345678;Östersunds kommun;GY;NA;2023-08-21;2026-02-10;AVBROTT
            200701012387;12345678;Östersunds kommun;XX;NA;2026-03-01;;
            """;
    static final String EXAMINA = """
            personnummer;typ;datum
            200701012387;STUDIEBEVIS;2026-02-10
            """;
    static final String ANTAGNING = """
            personnummer;skolenhetskod;programkod;besked;startdatum
            200701012387;87654321;EK;RESERV;2026-08-20
            """;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    WebSession http;
    UUID asa;

    @BeforeEach
    void importEverything() {
        database.clean();
        clock.reset();
        http = WebSession.api(port);
        assertThat(http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-11-01", "f.csv",
                WebSession.fixture("folkbokforing-bad-rows.csv")).statusCode()).isEqualTo(201);
        upload("inskrivningar", INSKRIVNINGAR);
        upload("examina", EXAMINA);
        upload("antagning", ANTAGNING);
        HttpResponse<String> notice = http.postJson("/api/v1/notices", """
                {"type": "ABSENCE", "personnummer": "200701012387", "municipality": "2380", "schoolUnitCode": "12345678",
                 "date": "2026-11-20", "absence": {"from": "2026-10-01", "to": "2026-10-31", "hours": 4}}""",
                Map.of("Idempotency-Key", "extract-test-1"));
        assertThat(notice.statusCode()).as(notice.body()).isEqualTo(201);
        asa = jdbc.sql("SELECT id FROM person WHERE pnr = ?").param(ASA).query(UUID.class).single();
        jdbc.sql("""
                INSERT INTO placement (person_id, municipality, valid_from, valid_to, decided_by, motivation, decided_at)
                VALUES (?, '2380', '2026-01-01', '2026-01-31', 'test-admin', 'Bor i kommunen utan att vara folkbokförd', now())""")
                .param(asa).update();
    }

    @Test
    void theJsonHoldsEveryClassOfFactWithItsSourceAndEverythingElseHeldAboutHer() {
        HttpResponse<String> response = http.get("/api/v1/persons/" + asa + "/extract");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode x = WebSession.json(response);

        assertThat(x.get("identity").get("personnummer").asString()).isEqualTo(ASA);
        assertThat(x.get("identity").get("givenName").asString()).isEqualTo("Åsa");
        assertThat(x.get("identity").get("address").asString()).isEqualTo("Storgatan 1");
        JsonNode facts = x.get("facts");
        for (String factClass : new String[] {"population", "enrolments", "credentials", "admissions", "placements"}) {
            assertThat(facts.get(factClass).size()).as(factClass).isPositive();
        }
        assertThat(facts.get("population").get(0).get("source").get("type").asString()).isEqualTo("FOLKBOKFORING");
        assertThat(facts.get("population").get(0).get("source").get("text").asString()).contains("Folkbokföring, importbatch");
        assertThat(facts.get("enrolments").get(0).get("source").get("type").asString()).isEqualTo("INSKRIVNINGAR");
        assertThat(facts.get("credentials").get(0).get("type").asString()).isEqualTo("STUDIEBEVIS");
        assertThat(facts.get("admissions").get(0).get("decision").asString()).isEqualTo("RESERV");
        assertThat(facts.get("placements").get(0).get("motivation").asString()).contains("utan att vara folkbokförd");
        assertThat(x.get("notices").get(0).get("type").asString()).isEqualTo("ABSENCE");
        assertThat(x.get("rejectedRows").get(0).get("errors").size()).as("her rejected enrolment row").isPositive();
        assertThat(x.get("rejectedRows").get(0).get("kind").asString()).isEqualTo("INSKRIVNINGAR");
        assertThat(x.get("episodes").get(0).get("reason").asString()).isEqualTo("STUDIEBEVIS");
        assertThat(x.get("explanation").get("member").asBoolean()).isTrue();
        assertThat(x.get("explanation").get("conditions").size()).isPositive();
        // The audit log's entries about her, oldest first: the imports that wrote her data come first
        // (each audited as its batch, found through the batch's persons), said as a sentence.
        assertThat(x.get("accessHistoryRecorded").asBoolean()).isTrue();
        assertThat(x.get("accesses").get(0).get("text").asString()).isEqualTo(
                "22 november 2026 kl. 12.00 läste en person som sköter registret i Östersund in en fil med "
                        + "uppgifter från folkbokföringen om var du bor.");
        assertThat(x.get("accesses").get(0).has("action")).isFalse();
    }

    @Test
    void everyKindOfCaseworkDataOnHerAppearsInTheJsonAndInThePdf() throws Exception {
        long caseId = caseOfAsa();
        users.ensure();
        // Through the casework API as a case worker: contact attempt, note, contact details, the plan's goal.
        caseworkApi("POST", "/api/v1/cases/" + caseId + "/contacts", """
                {"version": %d, "attemptedAt": "2026-11-20T10:15", "channel": "PHONE", "outcome": "REACHED",
                 "note": "Pratade om sommarjobb", "nextAttemptDue": "2026-12-01"}""", caseId);
        caseworkApi("POST", "/api/v1/cases/" + caseId + "/notes", """
                {"version": %d, "text": "Vill börja på komvux i vår"}""", caseId);
        caseworkApi("PUT", "/api/v1/cases/" + caseId + "/contact-details", """
                {"version": %d, "phone": "070-123 45 67", "email": "asa@exempel.se"}""", caseId);
        // The rest straight in casework's tables: occupation, measure, letter, message, handover, assignment.
        jdbc.sql("""
                INSERT INTO casework_occupation (case_id, type, source, started, verified_on, note, recorded_by, recorded_at)
                VALUES (?, 'WORK', 'YOUNG_PERSON', '2026-11-01', '2026-11-15', 'Extrajobb på lager', 'role-handlaggare', now())""")
                .param(caseId).update();
        long type = jdbc.sql("""
                INSERT INTO casework_measure_type (municipality, code, name, reporting_category)
                VALUES ('2380', 'EXTRACT_TEST', 'Praktik på biblioteket', 'PRAKTIK') RETURNING id""").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO casework_measure (case_id, measure_type_id, responsible, status, offered_on, follow_up, note,
                                              recorded_by, recorded_at)
                VALUES (?, ?, 'MUNICIPALITY', 'OFFERED', '2026-11-16', '2026-12-15', 'Fyra veckor', 'role-handlaggare', now())""")
                .params(caseId, type).update();
        caseworkApi("PUT", "/api/v1/cases/" + caseId + "/plan", """
                {"version": %d, "goal": "Börja studera på komvux"}""", caseId); // writes revision 1 with the measure
        jdbc.sql("""
                INSERT INTO casework_letter (case_id, kind, generated_by, generated_at)
                VALUES (?, 'INFORMATION', 'role-handlaggare', now())""").param(caseId).update(); // a draft, never sent
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, recorded_by, recorded_at,
                                                      struck_at, struck_by, struck_reason)
                VALUES (?, '2026-11-21 09:00+01', 'PHONE', 'NO_ANSWER', 'role-handlaggare', now(),
                        now(), 'role-handlaggare', 'Registrerat på fel ärende')""").param(caseId).update();
        jdbc.sql("""
                INSERT INTO casework_outbox (case_id, channel, recipient, body, status, created_by, created_at, updated_at)
                VALUES (?, 'SMS', '0701234567', 'Hej! Ring mig gärna.', 'MANUAL', 'role-handlaggare', now(), now())""")
                .param(caseId).update();
        jdbc.sql("""
                INSERT INTO casework_handover (case_id, closed_on, new_municipality, package, produced_at)
                VALUES (?, '2026-11-21', '2361', CAST(? AS jsonb), now())""")
                .params(caseId, """
                        {"person": {"givenName": "Åsa", "address": "Storgatan 1"}, "contactDetails": null,
                         "occupations": [{"type": "WORK"}], "measures": []}""")
                .update();
        jdbc.sql("UPDATE casework_case SET assignee = 'role-handlaggare' WHERE id = ?").param(caseId).update();
        jdbc.sql("""
                INSERT INTO casework_case_event (case_id, occurred_at, kind, assignee, how, actor)
                VALUES (?, now(), 'ASSIGNED', 'role-handlaggare', 'MANUAL', 'test-admin')""").param(caseId).update();

        HttpResponse<String> response = http.get("/api/v1/persons/" + asa + "/extract");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode x = WebSession.json(response);
        JsonNode c = x.get("casework").get("cases").get(0);
        assertThat(c.get("municipalityName").asString()).isEqualTo("2380 Östersund");
        assertThat(c.get("reason").get("text").asString()).isEqualTo("Studiebevis");
        assertThat(c.get("assigned").asBoolean()).isTrue();
        assertThat(c.get("events").toString()).contains("Tilldelat", "En handläggare ansvarar för ärendet.");
        JsonNode attempt = c.get("contactAttempts").get(0);
        assertThat(attempt.get("channel").get("text").asString()).isEqualTo("Telefon");
        assertThat(attempt.get("outcome").get("text").asString()).isEqualTo("Nådd");
        assertThat(attempt.get("note").asString()).isEqualTo("Pratade om sommarjobb");
        assertThat(attempt.has("struckAt")).as("an attempt that counts is not struck").isFalse();
        assertThat(c.get("contactAttempts").get(1).get("struckReason").asString()).isEqualTo("Registrerat på fel ärende");
        assertThat(c.get("letters").get(0).has("sentAt")).as("a draft letter was never sent").isFalse();
        assertThat(c.get("occupations").get(0).get("type").get("text").asString()).isEqualTo("Arbete");
        assertThat(c.get("occupations").get(0).get("source").get("text").asString()).isEqualTo("Den unga själv");
        JsonNode measure = c.get("measures").get(0);
        assertThat(measure.get("type").asString()).isEqualTo("Praktik på biblioteket");
        assertThat(measure.get("category").get("text").asString()).isEqualTo("Praktik och arbete");
        assertThat(measure.get("status").get("text").asString()).isEqualTo("Erbjuden");
        assertThat(measure.get("responsible").get("text").asString()).isEqualTo("Kommunen");
        assertThat(c.get("plan").get("goal").asString()).isEqualTo("Börja studera på komvux");
        JsonNode revision = c.get("planRevisions").get(0);
        assertThat(revision.get("goal").asString()).isEqualTo("Börja studera på komvux");
        assertThat(revision.get("measures").get(0).asString()).isEqualTo("Praktik på biblioteket (erbjuden)");
        assertThat(c.get("notes").get(0).get("text").asString()).isEqualTo("Vill börja på komvux i vår");
        assertThat(c.get("letters").get(0).get("kind").get("text").asString()).isEqualTo("Information om aktivitetsansvaret");
        JsonNode message = c.get("messages").get(0);
        assertThat(message.get("channel").get("text").asString()).isEqualTo("Sms");
        assertThat(message.get("body").asString()).isEqualTo("Hej! Ring mig gärna.");
        assertThat(message.get("status").get("text").asString()).isEqualTo("Skickas för hand");
        assertThat(c.get("contactDetails").get("phone").asString()).isEqualTo("070-123 45 67");
        assertThat(c.get("contactDetails").get("email").asString()).isEqualTo("asa@exempel.se");
        JsonNode handover = c.get("handovers").get(0);
        assertThat(handover.get("newMunicipalityName").asString()).isEqualTo("2361 Härjedalen");
        assertThat(handover.get("passedOn").toString()).contains("Namn och personnummer", "Adress", "Sysselsättning (1 uppgifter)");
        // staff are never named in what is recorded on her case
        assertThat(x.get("casework").toString()).doesNotContain("role-handlaggare", "test-admin");

        // The access history: sentences, with who by role and municipality, never codes, paths or user names.
        JsonNode accesses = x.get("accesses");
        assertThat(accesses.size()).isGreaterThan(5);
        StringBuilder all = new StringBuilder();
        for (JsonNode a : accesses) {
            String text = a.get("text").asString();
            assertThat(text).matches("\\d{1,2} [a-zåäö]+ \\d{4} kl\\. \\d{2}\\.\\d{2} [^_/]+\\.");
            all.append(text).append('\n');
        }
        assertThat(all.toString())
                .contains("22 november 2026 kl. 12.00 skrev en handläggare på kommunala aktivitetsansvaret i Östersund "
                        + "in ett försök att kontakta dig.")
                .contains("skrev en handläggare på kommunala aktivitetsansvaret i Östersund en anteckning i ditt ärende.")
                .contains("ändrade en handläggare på kommunala aktivitetsansvaret i Östersund målet i din plan.")
                .contains("ändrade en handläggare på kommunala aktivitetsansvaret i Östersund ditt telefonnummer eller "
                        + "din e-postadress.")
                .contains("läste en person som sköter registret i Östersund in en fil med uppgifter om vilka skolor "
                        + "du har gått i.")
                // the case opened in the follow-up of the administrator's upload, on her behalf
                .contains("22 november 2026 kl. 12.00 öppnade en person som sköter registret i Östersund ett ärende "
                        + "om dig.")
                .doesNotContain("CASE_", "IMPORT_", "PERSON_", "/api/", "/personer", "GET ", "role-", "test-admin",
                        "api-key", "batch", "WRITE", "READ");

        HttpResponse<byte[]> pdf = pdf(WebSession.signedIn(port));
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Ärenden och det som har registrerats", "Ärende i 2380 Östersund",
                    "Kontaktförsök", "Telefon", "Nådd", "Pratade om sommarjobb",
                    "Sysselsättning (vad du gör)", "Arbete", "Extrajobb på lager",
                    "Individuell plan", "Börja studera på komvux",
                    "Insatser", "Praktik på biblioteket", "Erbjuden", "Fyra veckor",
                    "Planens tidigare versioner", "Praktik på biblioteket (erbjuden)",
                    "Anteckningar", "Vill börja på komvux i vår",
                    "Brev", "Information om aktivitetsansvaret", "Skapat men aldrig skickat",
                    "Struket", "eftersom det registrerades av misstag: Registrerat på fel ärende",
                    "Sms och e-post", "Hej! Ring mig gärna.", "Skickas för hand",
                    "Kontaktuppgifter", "070-123 45 67", "asa@exempel.se",
                    "Överlämning till ny hemkommun", "2361 Härjedalen", "Namn och personnummer",
                    "En handläggare ansvarar för ärendet.",
                    "skrev en handläggare på kommunala aktivitetsansvaret i Östersund in ett försök att kontakta dig.")
                    .doesNotContain("CASE_", "IMPORT_UPLOADED", "PERSON_EXTRACT", "/api/", "role-handlaggare",
                            "test-admin", "PHONE", "REACHED", "MUNICIPALITY", "OFFERED", "RESERV ");
            // her admission's decision in words, not its code
            assertThat(text).contains("Reserv");
        }
    }

    @Test
    void contactDetailsAndMessageRecipientsOfAProtectedIdentityAreLeftOut() {
        long caseId = caseOfAsa();
        jdbc.sql("""
                INSERT INTO casework_contact_details (case_id, phone, email, updated_by, updated_at)
                VALUES (?, '0709998877', 'dold@exempel.se', 'x', now())""").param(caseId).update();
        jdbc.sql("""
                INSERT INTO casework_outbox (case_id, channel, recipient, body, status, created_by, created_at, updated_at)
                VALUES (?, 'SMS', '0709998877', 'Hej!', 'MANUAL', 'x', now(), now())""").param(caseId).update();
        assertThat(WebSession.json(http.get("/api/v1/persons/" + asa + "/extract")).get("casework").toString())
                .contains("0709998877", "dold@exempel.se");

        jdbc.sql("UPDATE person SET protected_identity = true WHERE id = ?").param(asa).update();
        JsonNode c = WebSession.json(http.get("/api/v1/persons/" + asa + "/extract")).get("casework").get("cases").get(0);
        assertThat(c.get("contactDetailsWithheld").asBoolean()).isTrue();
        assertThat(c.toString()).doesNotContain("0709998877", "dold@exempel.se");
        assertThat(c.get("messages").get(0).get("body").asString()).isEqualTo("Hej!");
    }

    @Test
    void thePdfIsAValidSwedishDocumentWithHerNameAndEverySection() throws Exception {
        WebSession ui = WebSession.signedIn(port);
        assertThat(ui.get("/personer/" + asa).body()).contains("/personer/" + asa + "/registerutdrag.pdf");

        HttpResponse<byte[]> response = pdf(ui);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        byte[] body = response.body();
        assertThat(new String(body, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument pdf = Loader.loadPDF(body)) {
            assertThat(pdf.getNumberOfPages()).isPositive();
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Registerutdrag", "Åsa Öberg", ASA, "Storgatan 1", "Östersund",
                    "Identitet och folkbokföringsuppgifter", "Folkbokföring", "Inskrivningar", "Examina och bevis",
                    "Antagning", "Placeringar", "Anmälningar från skolor", "Avvisade importrader som nämner dig",
                    "Perioder i målgruppen", "Bedömning i dag", "Vem har tagit del av uppgifterna",
                    "Ogiltig frånvaro", "Studiebevis (Lämnade skolan", "Ingår i målgruppen", "skolform",
                    "Folkbokförd", "Gymnasieskola", "(Avbrott)")
                    .doesNotContain("Inga uppgifter.");
            // status, end reason and credential in Swedish, not as the register stores them
            assertThat(text).doesNotContainPattern("\\b(NORMAL|STUDIEBEVIS)\\b|\\(AVBROTT\\)");
        }
    }

    @Test
    void thePdfIsAccessiblePdfUaWithItsTitleShownAndEveryFontEmbedded() throws Exception {
        HttpResponse<byte[]> response = pdf(WebSession.signedIn(port));
        assertThat(response.statusCode()).isEqualTo(200);
        byte[] body = response.body();

        assertThat(PdfUa.failedRules(body)).as("failed PDF/UA-1 rules (veraPDF)").isEmpty();
        try (PDDocument pdf = Loader.loadPDF(body)) {
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("Registerutdrag – Åsa Öberg");
            assertThat(pdf.getDocumentCatalog().getViewerPreferences().displayDocTitle()).isTrue();
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("sv");
            for (PDPage page : pdf.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
        }
    }

    @Test
    void theAddressOfAPersonWithProtectedIdentityIsLeftOut() {
        jdbc.sql("UPDATE person SET protected_identity = true WHERE id = ?").param(asa).update();
        JsonNode identity = WebSession.json(http.get("/api/v1/persons/" + asa + "/extract")).get("identity");
        assertThat(identity.get("protectedIdentity").asBoolean()).isTrue();
        assertThat(identity.get("addressWithheld").asBoolean()).isTrue();
        assertThat(identity.has("address")).isFalse();
        assertThat(identity.toString()).doesNotContain("Storgatan");
    }

    @Test
    void anUnknownPersonIsNotFoundAsProblemDetails() {
        for (String path : new String[] {"/api/v1/persons/" + UUID.randomUUID() + "/extract",
                "/api/v1/persons/not-a-uuid/extract"}) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(WebSession.json(response).get("status").asInt()).isEqualTo(404);
        }
        WebSession ui = WebSession.signedIn(port);
        HttpResponse<String> pdf = ui.send(java.net.http.HttpRequest.newBuilder(
                ui.uri("/personer/" + UUID.randomUUID() + "/registerutdrag.pdf")).GET().build());
        assertThat(pdf.statusCode()).isEqualTo(404);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private long caseOfAsa() {
        return jdbc.sql("SELECT id FROM casework_case WHERE person_id = ? AND municipality = '2380'").param(asa)
                .query(Long.class).single();
    }

    /** A write through the casework API as the case worker, at the case's current version. */
    private void caseworkApi(String method, String path, String bodyTemplate, long caseId) {
        long version = jdbc.sql("SELECT version FROM casework_case WHERE id = ?").param(caseId).query(Long.class).single();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestUsers.basic(Role.HANDLAGGARE))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(bodyTemplate.formatted(version)))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 201);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> pdf(WebSession ui) {
        return ui.getBytes("/personer/" + asa + "/registerutdrag.pdf");
    }

    private void upload(String kind, String csv) {
        HttpResponse<String> response = http.upload("/api/v1/imports/" + kind + "?municipality=2380", kind + ".csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
