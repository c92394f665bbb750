package se.kaa.extract;

import static org.assertj.core.api.Assertions.assertThat;

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

import se.kaa.intake.IntakeHttp;
import se.kaa.retention.UiSession;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.PdfUa;
import se.kaa.testsupport.TestClock;

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

    IntakeHttp http;
    UUID asa;

    @BeforeEach
    void importEverything() {
        database.clean();
        clock.reset();
        http = new IntakeHttp(port);
        assertThat(http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-11-01", "f.csv",
                IntakeHttp.fixture("folkbokforing-bad-rows.csv")).statusCode()).isEqualTo(201);
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
        JsonNode x = IntakeHttp.json(response);

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
        // The audit log's entries about her, oldest first: the imports that wrote her data come first.
        assertThat(x.get("accessHistoryRecorded").asBoolean()).isTrue();
        assertThat(x.get("accesses").get(0).get("action").asString()).isEqualTo("IMPORT_UPLOADED");
        assertThat(x.get("accesses").get(0).get("kind").asString()).isEqualTo("WRITE");
    }

    @Test
    void thePdfIsAValidSwedishDocumentWithHerNameAndEverySection() throws Exception {
        UiSession ui = new UiSession(port);
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
                    "Ogiltig frånvaro", "Studiebevis (Lämnade skolan", "Ingår i målgruppen", "skolform")
                    .doesNotContain("Inga uppgifter.");
        }
    }

    @Test
    void thePdfIsAccessiblePdfUaWithItsTitleShownAndEveryFontEmbedded() throws Exception {
        HttpResponse<byte[]> response = pdf(new UiSession(port));
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
        JsonNode identity = IntakeHttp.json(http.get("/api/v1/persons/" + asa + "/extract")).get("identity");
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
            assertThat(IntakeHttp.json(response).get("status").asInt()).isEqualTo(404);
        }
        UiSession ui = new UiSession(port);
        HttpResponse<String> pdf = ui.get("/personer/" + UUID.randomUUID() + "/registerutdrag.pdf");
        assertThat(pdf.statusCode()).isEqualTo(404);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private HttpResponse<byte[]> pdf(UiSession ui) {
        return ui.getBytes("/personer/" + asa + "/registerutdrag.pdf");
    }

    private void upload(String kind, String csv) {
        HttpResponse<String> response = http.upload("/api/v1/imports/" + kind + "?municipality=2380", kind + ".csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
