package se.kaa.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.LocalhostCookies;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/** The upload page, batch page, rejected-rows download and notice form, logged in through the form, with CSRF. */
@KaaIntegrationTest
class IntakePagesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired DatabaseCleaner cleaner;
    @Autowired TestClock clock;

    HttpClient browser;
    WebSession http;

    @BeforeEach
    void setUp() throws Exception {
        cleaner.clean();
        clock.reset();
        http = WebSession.api(port);
        browser = HttpClient.newBuilder().cookieHandler(new LocalhostCookies())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String token = csrf(get("/login").body());
        HttpResponse<String> login = postForm("/login", Map.of("username", KaaIntegrationTest.USER,
                "password", KaaIntegrationTest.PASSWORD, "_csrf", token));
        assertThat(login.statusCode()).isEqualTo(302);
    }

    @Test
    void uploadPageUploadsAndShowsTheBatchWithMaskedRejectedRowsAndADownload() throws Exception {
        HttpResponse<String> page = get("/importer");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<label for=\"kind\"", "<label for=\"municipality\"", "<label for=\"asOf\"",
                "<label for=\"file\"", "<option value=\"2361\"", "Inga filer har importerats än.");

        HttpResponse<String> upload = upload(csrf(page.body()), "folkbokforing", "2026-11-01",
                WebSession.fixture("folkbokforing-bad-rows.csv"));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(302);
        String location = upload.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/importer/\\d+");
        String batchPath = location.substring(location.indexOf("/importer/"));

        HttpResponse<String> batch = get(batchPath);
        assertThat(batch.statusCode()).isEqualTo(200);
        assertThat(batch.body()).contains("Filen importerades.", "Avvisade rader", "<th scope=\"col\">Rad</th>",
                "20070123-****", "kontrollsiffra", "avvisade.csv")
                .doesNotContain("200701232380");

        HttpResponse<String> csv = get(batchPath + "/avvisade.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("attachment"));
        assertThat(csv.body()).contains("200701232380;Erik").contains(";fel\r\n");

        HttpResponse<String> history = get("/importer");
        assertThat(history.body()).contains("bad.csv", "Folkbokföring", KaaIntegrationTest.USER);

        HttpResponse<String> again = upload(csrf(history.body()), "folkbokforing", "2026-11-01",
                WebSession.fixture("folkbokforing-bad-rows.csv"));
        assertThat(again.headers().firstValue("Location")).hasValue(location);
        assertThat(get(batchPath).body()).contains("redan importerats");
    }

    @Test
    void wholeFileRefusalsAreShownOnThePageInSwedishLinkedToTheField() throws Exception {
        String token = csrf(get("/importer").body());

        HttpResponse<String> empty = upload(token, "folkbokforing", "2026-11-01", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("role=\"alert\"", "Filen är tom", "href=\"#file\"");

        HttpResponse<String> noDate = upload(token, "folkbokforing", "", WebSession.fixture("folkbokforing-utf8.csv"));
        assertThat(noDate.statusCode()).isEqualTo(400);
        assertThat(noDate.body()).contains("Uttagsdatum krävs", "href=\"#asOf\"", "aria-invalid=\"true\"");
        assertThat(jdbc.sql("SELECT count(*) FROM import_batch").query(Integer.class).single()).isZero();
    }

    @Test
    void formPostsWithoutCsrfAreRefused() throws Exception {
        HttpResponse<String> upload = upload(null, "examina", "", WebSession.fixture("examina.csv"));
        assertThat(upload.statusCode()).isEqualTo(403);
        HttpResponse<String> notice = postForm("/anmalningar/ny", Map.of("type", "ABSENCE"));
        assertThat(notice.statusCode()).isEqualTo(403);
    }

    @Test
    void noticeFormRecordsANoticeAndShowsTheReceipt() throws Exception {
        HttpResponse<String> form = get("/anmalningar/ny");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<label for=\"personnummer\"", "<label for=\"schoolUnitCode\"", "<legend>");
        String token = csrf(form.body());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", token);
        fields.put("key", UUID.randomUUID().toString());
        fields.put("type", "ABSENCE");
        fields.put("personnummer", "20070101-2387");
        fields.put("municipality", "2380");
        fields.put("schoolUnitCode", "12345678");
        fields.put("date", "2026-11-20");
        fields.put("absenceFrom", "2026-10-01");
        fields.put("absenceTo", "2026-10-31");
        fields.put("absenceHours", "6,5");

        HttpResponse<String> submitted = postForm("/anmalningar/ny", fields);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
        String receiptPath = submitted.headers().firstValue("Location").orElseThrow();
        receiptPath = receiptPath.substring(receiptPath.indexOf("/anmalningar/"));
        HttpResponse<String> receipt = get(receiptPath);
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.body()).contains("Anmälan är registrerad", "Kvittonummer", "6,5 timmar", "2026-11-22 12:00");

        // a double submit of the same form records it once
        HttpResponse<String> doubleSubmit = postForm("/anmalningar/ny", fields);
        assertThat(doubleSubmit.headers().firstValue("Location").orElseThrow()).endsWith(receiptPath);
        assertThat(jdbc.sql("SELECT count(*) FROM notice").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aStopFromTheFormNeedsItsReasonAndTheReceiptShowsIt() throws Exception {
        String enrolments = """
                personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
                200701012387;12345678;Östersunds kommun;GY;NA;2023-08-21;;
                """;
        assertThat(WebSession.api(port).upload("/api/v1/imports/inskrivningar?municipality=2380", "i.csv",
                enrolments.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        HttpResponse<String> form = get("/anmalningar/ny");
        assertThat(form.body()).contains("Orsak till avslut", "type=\"radio\" name=\"endReason\"", "Avbrott",
                "Byte av skola eller program", "Fullföljd utbildning");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", csrf(form.body()));
        fields.put("key", UUID.randomUUID().toString());
        fields.put("type", "STOP");
        fields.put("personnummer", "20070101-2387");
        fields.put("municipality", "2380");
        fields.put("schoolUnitCode", "12345678");
        fields.put("date", "2026-11-20");

        HttpResponse<String> missing = postForm("/anmalningar/ny", fields);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("href=\"#endReason\"", "id=\"endReason-error\"",
                "Orsak till avslut måste anges");
        assertThat(jdbc.sql("SELECT count(*) FROM notice").query(Integer.class).single()).isZero();

        fields.put("endReason", "BYTE");
        HttpResponse<String> submitted = postForm("/anmalningar/ny", fields);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
        String receiptPath = submitted.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> receipt = get(receiptPath.substring(receiptPath.indexOf("/anmalningar/")));
        assertThat(receipt.body()).contains("Orsak till avslut", "Byte av skola eller program").doesNotContain(">BYTE<");
        assertThat(jdbc.sql("SELECT end_reason FROM notice").query(String.class).single()).isEqualTo("BYTE");

        // a reason left checked on the form does not refuse another type of notice
        fields.put("key", UUID.randomUUID().toString());
        fields.put("type", "START");
        fields.put("schoolType", "GY");
        fields.put("schoolUnitCode", "87654321");
        HttpResponse<String> start = postForm("/anmalningar/ny", fields);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT end_reason IS NULL FROM notice WHERE type = 'START'").query(Boolean.class).single())
                .isTrue();
    }

    @Test
    void noticeFormShowsEachErrorLinkedToItsField() throws Exception {
        String token = csrf(get("/anmalningar/ny").body());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", token);
        fields.put("key", UUID.randomUUID().toString());
        fields.put("type", "START");
        fields.put("personnummer", "12345");
        fields.put("municipality", "2380");
        fields.put("schoolUnitCode", "");
        fields.put("date", "20261120");

        HttpResponse<String> response = postForm("/anmalningar/ny", fields);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("href=\"#personnummer\"", "href=\"#schoolUnitCode\"", "href=\"#schoolType\"",
                "href=\"#date\"", "id=\"personnummer-error\"", "aria-invalid=\"true\"", "Skolform måste anges");
        assertThat(jdbc.sql("SELECT count(*) FROM notice").query(Integer.class).single()).isZero();
    }

    private HttpResponse<String> upload(String token, String kind, String asOf, byte[] content) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (token != null) {
            fields.put("_csrf", token);
        }
        fields.put("kind", kind);
        fields.put("municipality", "2380");
        fields.put("asOf", asOf);
        String boundary = "----kaa" + UUID.randomUUID();
        return send(HttpRequest.newBuilder(http.uri("/importer"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(WebSession.multipart(boundary, "bad.csv", content, fields)))
                .build());
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(http.uri(path)).build());
    }

    private HttpResponse<String> postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(http.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("CSRF token in page").isTrue();
        return m.group(1);
    }
}
