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

import se.kaa.intake.IntakeHttp;
import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.PdfUa;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;
import tools.jackson.databind.JsonNode;

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

    LetterCases cases;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
        cases = new LetterCases(port, jdbc);
    }

    @Test
    void oneLetterFromTheCasePageIsAPdfAndAContactAttempt() throws Exception {
        WebSession web = cases.handlaggare();
        HttpResponse<byte[]> pdf = cases.postFormBytes(web, "/arenden/" + cases.alva() + "/brev", Map.of("template", "NOT_REACHED"));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        String text = text(pdf.body());
        assertThat(text).contains("Alva Ek", "Storgatan 1", "83130 Östersund", "Vi har inte nått dig, Alva",
                "Östersunds kommun");
        assertThat(PdfUa.failedRules(pdf.body())).isEmpty();

        List<Map<String, Object>> attempts = jdbc.sql("SELECT * FROM casework_contact_attempt WHERE case_id = ?")
                .param(cases.alva()).query().listOfRows();
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get("channel")).isEqualTo("LETTER");
        assertThat(attempts.get(0).get("outcome")).isEqualTo("SENT");
        assertThat(attempts.get(0).get("recorded_by")).isEqualTo("role-handlaggare");
        assertThat(attempts.get(0).get("message_id")).isEqualTo(
                jdbc.sql("SELECT id FROM casework_letter WHERE case_id = ?").param(cases.alva()).query(Long.class).single());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'LETTER_GENERATED'").query(Long.class).single())
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
        assertThat(jdbc.sql("SELECT case_id FROM casework_contact_attempt WHERE channel = 'LETTER' ORDER BY case_id")
                .query(Long.class).list()).containsExactlyInAnyOrder(cases.alva(), cases.bertil());
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
        assertThat(jdbc.sql("SELECT count(*) FROM casework_contact_attempt WHERE channel = 'LETTER'").query(Long.class).single())
                .isEqualTo(2);
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
    final IntakeHttp intake;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    LetterCases(int port, JdbcClient jdbc) {
        this.port = port;
        this.jdbc = jdbc;
        this.intake = new IntakeHttp(port);
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
