package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import se.kaa.casework.cases.CaseStates;
import se.kaa.casework.letters.LetterKind;
import se.kaa.casework.letters.LetterService;
import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.PdfUa;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * Letters over real HTTP: one from the case page, many in one PDF from the worklist form and the API,
 * never to a protected identity or without an address, each logged as a contact attempt and audited.
 */
@KaaIntegrationTest
class LetterTest {

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;
    @Autowired CaseStates states;
    @Autowired LetterService letters;

    LetterCases cases;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
        cases = new LetterCases(port, jdbc);
    }

    @Test
    void oneLetterFromTheCasePageIsAPdfAndADraftUntilMarkedSent() throws Exception {
        WebSession web = cases.handlaggare();
        HttpResponse<byte[]> pdf = cases.postFormBytes(web, "/arenden/" + cases.alva() + "/brev", Map.of("template", "NOT_REACHED"));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        String text = text(pdf.body());
        assertThat(text).contains("Alva Ek", "Storgatan 1", "83130 Östersund", "Vi har inte nått dig, Alva",
                "Östersunds kommun");
        assertThat(PdfUa.failedRules(pdf.body())).isEmpty();
        // three more previews of the same letter: still nothing sent
        for (int i = 0; i < 3; i++) {
            assertThat(cases.postFormBytes(web, "/arenden/" + cases.alva() + "/brev", Map.of("template", "NOT_REACHED"))
                    .statusCode()).isEqualTo(200);
        }
        assertThat(attempts(cases.alva())).as("a generated letter is a draft, not a contact attempt").isZero();
        assertThat(states.of(cases.alva()).contact()).isEqualTo(CaseStates.ContactState.NOT_TRIED);
        assertThat(states.of(cases.alva()).firstAttempt().done()).isFalse();
        assertThat(jdbc.sql("SELECT status FROM casework_letter WHERE case_id = ?").param(cases.alva()).query(String.class)
                .list()).containsExactly("DRAFT", "DRAFT", "DRAFT", "DRAFT");
        assertThat(web.get("/arenden/" + cases.alva()).body()).contains("Utkast, inte skickat", "Markera som skickat");

        long letter = jdbc.sql("SELECT min(id) FROM casework_letter WHERE case_id = ?").param(cases.alva())
                .query(Long.class).single();
        HttpResponse<String> marked = web.post("/arenden/" + cases.alva() + "/brev/" + letter + "/skickat", Map.of());
        assertThat(marked.statusCode()).isEqualTo(302);
        List<Map<String, Object>> attempts = jdbc.sql("SELECT * FROM casework_contact_attempt WHERE case_id = ?")
                .param(cases.alva()).query().listOfRows();
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get("channel")).isEqualTo("LETTER");
        assertThat(attempts.get(0).get("outcome")).isEqualTo("SENT");
        assertThat(attempts.get(0).get("recorded_by")).isEqualTo("role-handlaggare");
        assertThat(attempts.get(0).get("message_id")).isEqualTo(letter);
        assertThat(attempts.get(0).get("note")).isEqualTo("Brev: Vi har inte nått dig, Alva");
        assertThat(jdbc.sql("SELECT sent_by FROM casework_letter WHERE id = ?").param(letter).query(String.class).single())
                .isEqualTo("role-handlaggare");
        assertThat(states.of(cases.alva()).contact()).isEqualTo(CaseStates.ContactState.TRIED_NOT_REACHED);
        assertThat(states.of(cases.alva()).firstAttempt().done()).isTrue();
        assertThat(web.post("/arenden/" + cases.alva() + "/brev/" + letter + "/skickat", Map.of()).statusCode())
                .as("only once").isEqualTo(409);
        assertThat(web.post("/arenden/" + cases.bertil() + "/brev/" + letter + "/skickat", Map.of()).statusCode())
                .as("a letter of another case").isEqualTo(404);
        assertThat(attempts(cases.alva())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'LETTER_GENERATED'").query(Long.class).single())
                .isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'LETTER_SENT'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aSingleLetterToAProtectedIdentityOrWithoutAddressIsRefused() {
        WebSession web = cases.handlaggare();
        HttpResponse<String> refused = web.post("/arenden/" + cases.dana() + "/brev", Map.of("template", "INFORMATION"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Brevet skapades inte", "Skyddad identitet");
        assertThat(refused.body()).doesNotContain("Dana").doesNotContain("Smyg");
        HttpResponse<String> noAddress = web.post("/arenden/" + cases.erik() + "/brev", Map.of("template", "INFORMATION"));
        assertThat(noAddress.statusCode()).isEqualTo(422);
        assertThat(noAddress.body()).contains("Adress saknas");
        // a template that is none of the letters, alone or in a bulk request with a case id that is none
        HttpResponse<String> noTemplate = web.post("/arenden/" + cases.alva() + "/brev", Map.of("template", "KARLEKSBREV"));
        assertThat(noTemplate.statusCode()).isEqualTo(400);
        assertThat(noTemplate.body()).contains("Välj en brevmall.");
        assertThat(web.post("/arenden/brev", Map.of("template", "INFORMATION", "caseIds", "x1")).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM casework_contact_attempt").query(Long.class).single()).isZero();
    }

    @Test
    void theApiWritesAllLettersInOnePdfAndReportsTheSkippedCases() throws Exception {
        HttpResponse<byte[]> response = cases.api("""
                {"caseIds": [%d, %d, %d, %d], "template": "INFORMATION"}"""
                .formatted(cases.alva(), cases.dana(), cases.bertil(), cases.erik()));
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(response.headers().firstValue("X-Skipped-Cases").orElse(""))
                .isEqualTo(cases.dana() + "," + cases.erik());
        try (PDDocument document = Loader.loadPDF(response.body())) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            assertThat(stripper.getText(document)).contains("Alva Ek", "aktivitetsansvaret", "29 kap. 9 § skollagen").doesNotContain("Bertil");
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            assertThat(stripper.getText(document)).contains("Bertil Berg", "Storgatan 2").doesNotContain("Alva");
        }
        assertThat(PdfUa.failedRules(response.body())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM casework_contact_attempt").query(Long.class).single())
                .as("drafts until the printed batch is marked sent").isZero();

        long batch = Long.parseLong(response.headers().firstValue("X-Letter-Batch").orElseThrow());
        HttpResponse<String> sent = cases.apiPost("/api/v1/cases/letter-batches/" + batch + "/sent", "");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).contains("\"marked\":2");
        assertThat(jdbc.sql("SELECT case_id FROM casework_contact_attempt WHERE channel = 'LETTER' ORDER BY case_id")
                .query(Long.class).list()).containsExactlyInAnyOrder(cases.alva(), cases.bertil());
        HttpResponse<String> again = cases.apiPost("/api/v1/cases/letter-batches/" + batch + "/sent", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(cases.apiPost("/api/v1/cases/letter-batches/987654/sent", "").statusCode()).isEqualTo(404);
        long letter = jdbc.sql("SELECT id FROM casework_letter WHERE case_id = ?").param(cases.alva()).query(Long.class).single();
        HttpResponse<String> one = cases.apiPost("/api/v1/cases/" + cases.alva() + "/letters/" + letter + "/sent", "");
        assertThat(one.statusCode()).as("already sent with its batch").isEqualTo(409);
        assertThat(cases.apiPost("/api/v1/cases/" + cases.alva() + "/letters/987654/sent", "").statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM casework_contact_attempt").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theApiMarksOneLetterSentAndTheCaseListsItsLetters() {
        HttpResponse<byte[]> response = cases.api("{\"caseIds\": [%d], \"template\": \"INFORMATION\"}".formatted(cases.alva()));
        assertThat(response.statusCode()).isEqualTo(200);
        long letter = jdbc.sql("SELECT id FROM casework_letter WHERE case_id = ?").param(cases.alva()).query(Long.class).single();
        HttpResponse<String> sent = cases.apiPost("/api/v1/cases/" + cases.alva() + "/letters/" + letter + "/sent", "");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).contains("\"status\":\"SENT\"", "\"sentBy\":\"role-handlaggare\"");
        assertThat(states.of(cases.alva()).contact()).isEqualTo(CaseStates.ContactState.TRIED_NOT_REACHED);
        HttpResponse<String> detail = cases.apiGet("/api/v1/cases/" + cases.alva());
        assertThat(detail.body()).contains("\"letters\":[{\"id\":" + letter, "\"template\":\"INFORMATION\"");
    }

    @Test
    void moreLettersThanTheLimitAreRefusedBeforeAnythingIsGenerated() {
        String ids = java.util.stream.LongStream.rangeClosed(1, 501).mapToObj(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","));
        HttpResponse<byte[]> api = cases.api("{\"caseIds\": [" + ids + "], \"template\": \"INFORMATION\"}");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(json(api).get("errors").get(0).get("message").asString()).contains("Högst 500");
        WebSession web = cases.handlaggare();
        List<Map.Entry<String, String>> form = new java.util.ArrayList<>();
        form.add(Map.entry("template", "INFORMATION"));
        for (int i = 1; i <= 501; i++) {
            form.add(Map.entry("caseIds", String.valueOf(i)));
        }
        HttpResponse<String> page = cases.postForm(web, "/arenden/brev", form);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Högst 500 brev kan skapas åt gången");
        assertThat(jdbc.sql("SELECT count(*) FROM casework_letter").query(Long.class).single()).isZero();
    }

    @Test
    void manyLettersAreWrittenIntoOneAccessiblePdf() throws Exception {
        LetterService.Addressee alva = new LetterService.Addressee(cases.alva(), null, se.kaa.shared.MunicipalityCode.of("2380"),
                "Alva", "Ek", "Storgatan 1", "83130", "Östersund", null);
        LetterService.RenderedLetter one = letters.render(alva, LetterKind.INFORMATION, "Handläggare");
        int n = 27;
        List<LetterService.RenderedLetter> many = java.util.Collections.nCopies(n, one);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        letters.writePdf(new LetterService.Drafted(0, LetterKind.INFORMATION, many), out);
        try (PDDocument document = Loader.loadPDF(out.toByteArray())) {
            assertThat(document.getNumberOfPages()).isEqualTo(n);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(n);
            stripper.setEndPage(n);
            assertThat(stripper.getText(document)).contains("Alva Ek", "Storgatan 1");
        }
        assertThat(PdfUa.failedRules(out.toByteArray())).isEmpty();
    }

    @Test
    void theApiAnswersProblemDetails() {
        HttpResponse<byte[]> empty = cases.api("{\"caseIds\": [], \"template\": \"INFORMATION\"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        JsonNode problem = json(empty);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("caseIds");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("minst ett ärende");

        HttpResponse<byte[]> template = cases.api("{\"caseIds\": [%d], \"template\": \"KAFFE\"}".formatted(cases.alva()));
        assertThat(template.statusCode()).isEqualTo(400);
        assertThat(json(template).get("errors").get(0).get("field").asString()).isEqualTo("template");
        assertThat(json(template).get("errors").get(0).get("message").asString()).contains("Okänd brevmall", "INFORMATION");

        HttpResponse<byte[]> unknown = cases.api("{\"caseIds\": [%d, 987654], \"template\": \"INFORMATION\"}".formatted(cases.alva()));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        long elsewhere = jdbc.sql("""
                INSERT INTO casework_case (person_id, municipality, status, entered, reason, created_at, updated_at)
                SELECT person_id, '2361', 'OPEN', entered, reason, now(), now() FROM casework_case WHERE id = ?
                RETURNING id""").param(cases.alva()).query(Long.class).single();
        HttpResponse<byte[]> ungranted = cases.api("{\"caseIds\": [%d, %d], \"template\": \"INFORMATION\"}"
                .formatted(cases.alva(), elsewhere));
        assertThat(ungranted.statusCode()).isEqualTo(404);

        HttpResponse<byte[]> allSkipped = cases.api("{\"caseIds\": [%d, %d], \"template\": \"INFORMATION\"}"
                .formatted(cases.dana(), cases.erik()));
        assertThat(allSkipped.statusCode()).isEqualTo(422);
        assertThat(json(allSkipped).get("detail").asString()).contains(String.valueOf(cases.dana()), String.valueOf(cases.erik()));
        assertThat(jdbc.sql("SELECT count(*) FROM casework_contact_attempt").query(Long.class).single())
                .as("nothing generated by a refused request").isZero();
    }

    @Test
    void theWorklistBulkFormShowsWhoIsSkippedBeforeGeneratingTheRest() throws Exception {
        WebSession web = cases.handlaggare();
        HttpResponse<String> summary = cases.postForm(web, "/arenden/brev", List.of(
                Map.entry("template", "BEFORE_TWENTY"), Map.entry("caseIds", String.valueOf(cases.alva())),
                Map.entry("caseIds", String.valueOf(cases.dana())), Map.entry("caseIds", String.valueOf(cases.bertil()))));
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).contains("Skyddad identitet", "Ärende " + cases.dana(), "Skapa brev till de övriga 2");
        assertThat(jdbc.sql("SELECT count(*) FROM casework_contact_attempt").query(Long.class).single()).isZero();

        HttpResponse<byte[]> pdf = cases.postFormBytes(web, "/arenden/brev", List.of(Map.entry("template", "BEFORE_TWENTY"),
                Map.entry("caseIds", String.valueOf(cases.alva())), Map.entry("caseIds", String.valueOf(cases.bertil()))));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(text(pdf.body())).contains("komvux", "Alva", "Bertil");
        assertThat(jdbc.sql("SELECT count(*) FROM casework_contact_attempt").query(Long.class).single())
                .as("printed, not yet posted").isZero();

        // the printed batch is posted: all its letters are marked sent at once
        HttpResponse<String> batches = web.get("/arenden/brev/omgangar");
        assertThat(batches.statusCode()).isEqualTo(200);
        assertThat(batches.body()).contains("Markera alla 2 som skickade");
        long batch = jdbc.sql("SELECT id FROM casework_letter_batch").query(Long.class).single();
        HttpResponse<String> marked = web.post("/arenden/brev/omgangar/" + batch + "/skickade", Map.of());
        assertThat(marked.statusCode()).isEqualTo(302);
        assertThat(web.get("/arenden/brev/omgangar").body()).contains("2 brev är markerade som skickade", "Alla skickade");
        assertThat(jdbc.sql("SELECT count(*) FROM casework_contact_attempt WHERE channel = 'LETTER' AND outcome = 'SENT'")
                .query(Long.class).single()).isEqualTo(2);
        assertThat(states.of(cases.bertil()).contact()).isEqualTo(CaseStates.ContactState.TRIED_NOT_REACHED);
        assertThat(web.post("/arenden/brev/omgangar/" + batch + "/skickade", Map.of()).statusCode()).isEqualTo(409);
    }

    private long attempts(long caseId) {
        return jdbc.sql("SELECT count(*) FROM casework_contact_attempt WHERE case_id = ?").param(caseId)
                .query(Long.class).single();
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(new String(response.body(), StandardCharsets.UTF_8));
    }
}

/** Four cases in 2380 (Skatteverket test numbers): Alva and Bertil with addresses, Dana protected, Erik without address. */
final class LetterCases {

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802012385;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
            200801012386;Dana;Smyg;2380;2008-01-01;;Hemligvägen 3;83131;Östersund;JA;NORMAL
            200801022385;Erik;Eng;2380;2008-01-02;;;;;NEJ;NORMAL
            """;
    static final String INSKRIVNINGAR = """
            personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
            200801172388;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-09-30;AVBROTT
            200802012385;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-09-30;AVBROTT
            200801012386;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-09-30;AVBROTT
            200801022385;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-09-30;AVBROTT
            """;

    final int port;
    final JdbcClient jdbc;
    final WebSession intake;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    LetterCases(int port, JdbcClient jdbc) {
        this.port = port;
        this.jdbc = jdbc;
        this.intake = WebSession.api(port);
        upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", FOLKBOKFORING);
        upload("/api/v1/imports/inskrivningar?municipality=2380", INSKRIVNINGAR);
    }

    void upload(String path, String csv) {
        HttpResponse<String> r = intake.upload(path, "f.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** A snapshot that moves one of the few test residents out is held; it is confirmed as a person would. */
    void uploadHeldAndConfirm(String path, String csv) {
        HttpResponse<String> r = intake.uploadHeldAndConfirm(path, "f.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    long caseOf(String pnr) {
        return jdbc.sql("SELECT c.id FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.pnr = ? AND c.municipality = '2380'")
                .param(pnr).query(Long.class).single();
    }

    long alva() { return caseOf("200801172388"); }
    long bertil() { return caseOf("200802012385"); }
    long dana() { return caseOf("200801012386"); }
    long erik() { return caseOf("200801022385"); }

    WebSession handlaggare() {
        WebSession web = new WebSession(port);
        assertThat(web.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD).statusCode()).isEqualTo(302);
        return web;
    }

    HttpResponse<byte[]> api(String json) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/letters"))
                .header("Authorization", TestUsers.basic(Role.HANDLAGGARE))
                .header("Content-Type", "application/json")
                .header("Accept", "application/pdf, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> apiPost(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestUsers.basic(Role.HANDLAGGARE))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> apiGet(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestUsers.basic(Role.HANDLAGGARE)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> postFormBytes(WebSession web, String path, Map<String, String> fields) {
        return postFormBytes(web, path, List.copyOf(fields.entrySet()));
    }

    /** A form post in the web session (cookies, CSRF) answered with bytes, e.g. a PDF. */
    HttpResponse<byte[]> postFormBytes(WebSession web, String path, List<Map.Entry<String, String>> fields) {
        return post(web, path, fields, HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> postForm(WebSession web, String path, List<Map.Entry<String, String>> fields) {
        return post(web, path, fields, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private <T> HttpResponse<T> post(WebSession web, String path, List<Map.Entry<String, String>> fields,
                                     HttpResponse.BodyHandler<T> handler) {
        StringBuilder body = new StringBuilder("_csrf=" + enc(web.csrf()));
        fields.forEach(e -> body.append('&').append(enc(e.getKey())).append('=').append(enc(e.getValue())));
        // the session's cookies live in WebSession's client: replay them through a raw request
        HttpRequest request = HttpRequest.newBuilder(web.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return web.sendWith(request, handler);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
