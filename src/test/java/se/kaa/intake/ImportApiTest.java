package se.kaa.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import se.kaa.person.PersonDirectory;
import se.kaa.person.PersonSummary;
import se.kaa.shared.PersonalIdentityNumber;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/**
 * The import API over real HTTP. Row numbers in reports are line numbers in the file, the header
 * being line 1. Test persons are Skatteverket's test personnummer (200701232380 in the bad-rows
 * fixture is one of them with its check digit deliberately wrong).
 */
@KaaIntegrationTest
class ImportApiTest {

    static final String FOLKBOKFORING = "/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-11-01";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired DatabaseCleaner cleaner;
    @Autowired TestClock clock;
    @Autowired PersonDirectory persons;

    WebSession http;

    @BeforeEach
    void setUp() {
        cleaner.clean();
        clock.reset();
        http = WebSession.api(port);
    }

    @Test
    void folkbokforingSnapshotIsImportedAsOneBatchWith201AndLocation() {
        HttpResponse<String> response = http.upload(FOLKBOKFORING, "folkbokforing.csv", WebSession.fixture("folkbokforing-utf8.csv"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode report = WebSession.json(response);
        long id = report.get("id").asLong();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/imports/" + id);
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("rowsTotal").asInt()).isEqualTo(3);
        assertThat(report.get("rowsAccepted").asInt()).isEqualTo(3);
        assertThat(report.get("rowsRejected").asInt()).isZero();
        assertThat(report.get("errors").size()).isZero();
        assertThat(report.get("warnings").size()).isZero();
        assertThat(report.get("duplicate").asBoolean()).isFalse();

        var batch = jdbc.sql("SELECT source, municipality, as_of::text, sha256, uploaded_by, rows_total, file_name FROM import_batch")
                .query().singleRow();
        assertThat(batch).containsEntry("source", "FOLKBOKFORING").containsEntry("municipality", "2380")
                .containsEntry("as_of", "2026-11-01").containsEntry("uploaded_by", KaaIntegrationTest.USER)
                .containsEntry("rows_total", 3).containsEntry("file_name", "folkbokforing.csv");
        assertThat((String) batch.get("sha256")).hasSize(64);
        assertThat(count("population_record")).isEqualTo(3);
        assertThat(name("200701012387")).isEqualTo("Åsa Öberg");
        PersonSummary sara = summary("200702122391");
        assertThat(sara.protectedIdentity()).isTrue();
        assertThat(sara.detailsAsOf()).hasToString("2026-11-01");

        HttpResponse<String> get = http.get("/api/v1/imports/" + id);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(WebSession.json(get).get("rowsAccepted").asInt()).isEqualTo(3);
    }

    @Test
    void utf8WithBomIsReadCorrectly() {
        HttpResponse<String> response = http.upload(FOLKBOKFORING, "bom.csv", WebSession.fixture("folkbokforing-bom.csv"));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(WebSession.json(response).get("rowsAccepted").asInt()).isEqualTo(3);
        assertThat(name("200701012387")).isEqualTo("Åsa Öberg");
        assertThat(jdbc.sql("SELECT encoding FROM import_batch").query(String.class).single()).isEqualTo("UTF-8");
    }

    @Test
    void windows1252IsDetectedAndReadCorrectlyWithAWarning() {
        HttpResponse<String> response = http.upload(FOLKBOKFORING, "ansi.csv", WebSession.fixture("folkbokforing-windows1252.csv"));
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode report = WebSession.json(response);
        assertThat(report.get("rowsAccepted").asInt()).isEqualTo(3);
        assertThat(report.get("warnings").get(0).asString()).contains("Windows-1252");
        assertThat(name("200701012387")).isEqualTo("Åsa Öberg");
        assertThat(name("200701232381")).isEqualTo("Erik Ängström");
        assertThat(jdbc.sql("SELECT city FROM person WHERE pnr = '200701012387'").query(String.class).single())
                .isEqualTo("Östersund");
    }

    @Test
    void oneStrayInvalidByteInAUtf8FileRejectsItsRowOnlyAndTheRestIsReadAsUtf8() throws Exception {
        // One row of an otherwise UTF-8 file carries a Windows-1252 "é" (0xE9): a spreadsheet pasted in.
        var file = new java.io.ByteArrayOutputStream();
        file.write(WebSession.fixture("folkbokforing-utf8.csv"));
        file.write("200702122391;Ren".getBytes(StandardCharsets.UTF_8));
        file.write(0xE9);
        file.write(";Lind;2380;2007-02-12;;Storgatan 3;83130;Östersund;NEJ;NORMAL\n".getBytes(StandardCharsets.UTF_8));
        byte[] content = file.toByteArray();
        int rows = (int) new String(content, StandardCharsets.UTF_8).lines().count(); // the header is line 1

        HttpResponse<String> response = http.upload(FOLKBOKFORING, "mixed.csv", content);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode report = WebSession.json(response);
        assertThat(report.get("rowsRejected").asInt()).isEqualTo(1);
        JsonNode error = report.get("errors").get(0);
        assertThat(error.get("row").asInt()).isEqualTo(rows);
        assertThat(error.get("message").asString()).contains("UTF-8");
        assertThat(report.get("warnings").toString()).doesNotContain("Windows-1252");
        assertThat(jdbc.sql("SELECT encoding FROM import_batch").query(String.class).single()).isEqualTo("UTF-8");
        // every å, ä and ö of the other rows is read as it was written
        assertThat(name("200701012387")).isEqualTo("Åsa Öberg");
        assertThat(name("200701232381")).isEqualTo("Erik Ängström");
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE given_name LIKE '%Ã%' OR city LIKE '%Ã%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void columnsInAnyOrderTenDigitNumbersAndUnknownColumnsWarned() {
        HttpResponse<String> response = http.upload(FOLKBOKFORING, "reordered.csv", WebSession.fixture("folkbokforing-reordered.csv"));
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode report = WebSession.json(response);
        assertThat(report.get("rowsAccepted").asInt()).isEqualTo(2);
        assertThat(report.get("warnings").toString()).contains("Okänd kolumn \\\"kommentar\\\" ignorerades");
        // 10-digit numbers resolved against the snapshot date: born 2007, not 1907
        assertThat(name("200701012387")).isEqualTo("Åsa Öberg");
        assertThat(name("200701232381")).isEqualTo("Erik Ängström");
    }

    @Test
    void sameFileAgainIsRecognisedBy200WithTheEarlierReportAndChangesNothing() {
        byte[] file = WebSession.fixture("folkbokforing-utf8.csv");
        HttpResponse<String> first = http.upload(FOLKBOKFORING, "a.csv", file);
        long id = WebSession.json(first).get("id").asLong();
        String updatedAt = jdbc.sql("SELECT string_agg(updated_at::text, ',' ORDER BY pnr) FROM person").query(String.class).single();
        clock.setDate(TestClock.DEFAULT_DATE.plusDays(1));

        HttpResponse<String> again = http.upload(FOLKBOKFORING, "same-again.csv", file);

        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode report = WebSession.json(again);
        assertThat(report.get("id").asLong()).isEqualTo(id);
        assertThat(report.get("duplicate").asBoolean()).isTrue();
        assertThat(report.get("rowsAccepted").asInt()).isEqualTo(3);
        assertThat(again.headers().firstValue("Content-Location")).hasValue("/api/v1/imports/" + id);
        assertThat(count("import_batch")).isEqualTo(1);
        assertThat(count("population_record")).isEqualTo(3);
        assertThat(jdbc.sql("SELECT string_agg(updated_at::text, ',' ORDER BY pnr) FROM person").query(String.class).single())
                .isEqualTo(updatedAt);
    }

    @Test
    void rejectedRowsAreReportedWithRowColumnAndExpectationAndKeptForDownload() {
        HttpResponse<String> response = http.upload(FOLKBOKFORING, "bad.csv", WebSession.fixture("folkbokforing-bad-rows.csv"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode report = WebSession.json(response);
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("rowsTotal").asInt()).isEqualTo(6);
        assertThat(report.get("rowsAccepted").asInt()).isEqualTo(1);
        assertThat(report.get("rowsRejected").asInt()).isEqualTo(5);
        List<String> errors = new ArrayList<>();
        report.get("errors").forEach(e -> errors.add(e.path("row").asInt() + "|" + e.path("column").asString("") + "|" + e.path("message").asString()));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("3|personnummer|").contains("kontrollsiffra"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("4|kommunkod|").contains("Ska vara 2380"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("4|folkbokford_sedan|").contains("ÅÅÅÅ-MM-DD"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("4|skyddad|").contains("JA, NEJ"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("4|status|").contains("status måste anges"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("5|folkbokford_sedan|").contains("uttagsdatum 2026-11-01"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("5|status|").contains("NORMAL, AVLIDEN, UTVANDRAD"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("6|personnummer|").contains("rad 2"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("7||").contains("4 fält men rubrikraden har 11"));
        // no personal data echoed: neither numbers nor names nor addresses
        assertThat(response.body()).doesNotContain("20070123", "070123", "Ängström", "Gatan", "KANSKE");
        assertThat(count("population_record")).isEqualTo(1);
        assertThat(count("import_rejected_row")).isEqualTo(5);

        long id = report.get("id").asLong();
        HttpResponse<String> csv = http.get("/api/v1/imports/" + id + "/rejected-rows");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/csv"));
        String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
        assertThat(lines).hasSize(6);
        assertThat(lines[0]).isEqualTo("personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;"
                + "adress;postnummer;postort;skyddad;status;fel");
        assertThat(lines[1]).startsWith("200701232380;Erik;Ängström;2380;").contains("kontrollsiffra");
        assertThat(lines[3]).contains("\"Gatan; 4\"");
    }

    @Test
    void correctedRejectedRowsCanBeUploadedAgain() {
        long id = WebSession.json(http.upload(FOLKBOKFORING, "bad.csv", WebSession.fixture("folkbokforing-bad-rows.csv")))
                .get("id").asLong();
        String download = http.get("/api/v1/imports/" + id + "/rejected-rows").body();
        // the user fixes the check digit of line 3 and drops the others
        String[] lines = download.split("\r\n");
        String corrected = lines[0] + "\r\n" + lines[1].replace("200701232380", "200701232381") + "\r\n";

        HttpResponse<String> again = http.upload(FOLKBOKFORING, "rattad.csv", corrected.getBytes(StandardCharsets.UTF_8));

        assertThat(again.statusCode()).isEqualTo(201);
        JsonNode report = WebSession.json(again);
        assertThat(report.get("rowsAccepted").asInt()).isEqualTo(1);
        assertThat(report.get("warnings").size()).as("our own error column is not warned about").isZero();
        assertThat(name("200701232381")).isEqualTo("Erik Ängström");
    }

    @ParameterizedTest
    @CsvSource({
            "empty.csv, intake.rejected.empty, Filen är tom",
            "header-only.csv, intake.rejected.no-rows, inga rader",
            "not-csv.png, intake.rejected.not-csv, inte en CSV-textfil",
            "folkbokforing.zip, intake.rejected.not-csv, inte en CSV-textfil",
            "folkbokforing-missing-column.csv, intake.rejected.missing-columns, saknar de obligatoriska kolumnerna status",
            "folkbokforing-comma.csv, intake.rejected.wrong-separator, semikolon",
    })
    void wholeFileRefusalsGet400ProblemDetailsAndLeaveNoTrace(String fixture, String type, String detail) {
        HttpResponse<String> response = http.upload(FOLKBOKFORING, fixture, WebSession.fixture(fixture));

        assertProblem(response, 400, "urn:kaa:problem:" + type);
        assertThat(WebSession.json(response).get("detail").asString()).contains(detail);
        assertNoTrace();
    }

    @Test
    void aFileOverTheConfiguredSizeGets413AndLeavesNoTrace() {
        // The tests set kaa.intake.max-file-size to 2 MB, below the 3 MB multipart limit: send 2 MB + 1 byte,
        // streamed so that the test does not hold it in memory.
        HttpResponse<String> response = uploadOfSize(2L * 1024 * 1024 + 1);

        assertProblem(response, 413, "urn:kaa:problem:intake.rejected.too-large");
        assertThat(WebSession.json(response).get("detail").asString()).contains("2 MB");
        assertNoTrace();
    }

    @Test
    void aFileOverTheMultipartLimitAlsoGets413ProblemDetails() {
        // Over spring.servlet.multipart.max-file-size the upload fails before any controller is chosen.
        HttpResponse<String> response = uploadOfSize(3L * 1024 * 1024 + 512 * 1024);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(WebSession.json(response).get("status").asInt()).isEqualTo(413);
        assertNoTrace();
    }

    private HttpResponse<String> uploadOfSize(long size) {
        String boundary = "----kaa" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(http.uri(FOLKBOKFORING))
                .header("Authorization", WebSession.basic())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new SequenceInputStream(java.util.Collections.enumeration(List.of(
                                new ByteArrayInputStream(head), filler(size), new ByteArrayInputStream(tail))))),
                        head.length + size + tail.length))
                .build();
        return http.send(request);
    }

    @Test
    void aMunicipalityTheInstallationDoesNotServeIsRefusedNamingTheField() {
        HttpResponse<String> response = http.upload("/api/v1/imports/folkbokforing?municipality=0180&asOf=2026-11-01",
                "f.csv", WebSession.fixture("folkbokforing-utf8.csv"));

        assertProblem(response, 400, "urn:kaa:problem:intake.rejected.municipality-not-served");
        JsonNode problem = WebSession.json(response);
        assertThat(problem.get("detail").asString()).contains("0180", "2380, 2361");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("municipality");
        assertNoTrace();

        HttpResponse<String> malformed = http.upload("/api/v1/imports/examina?municipality=23",
                "e.csv", WebSession.fixture("examina.csv"));
        assertProblem(malformed, 400, "urn:kaa:problem:intake.rejected.municipality-invalid");
        assertThat(WebSession.json(malformed).get("errors").get(0).get("field").asString()).isEqualTo("municipality");
    }

    @Test
    void folkbokforingNeedsItsSnapshotDate() {
        HttpResponse<String> missing = http.upload("/api/v1/imports/folkbokforing?municipality=2380", "f.csv",
                WebSession.fixture("folkbokforing-utf8.csv"));
        assertProblem(missing, 400, "urn:kaa:problem:intake.rejected.as-of-required");
        assertThat(WebSession.json(missing).get("errors").get(0).get("field").asString()).isEqualTo("asOf");

        HttpResponse<String> malformed = http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=1/11/2026",
                "f.csv", WebSession.fixture("folkbokforing-utf8.csv"));
        assertProblem(malformed, 400, "urn:kaa:problem:intake.rejected.as-of-invalid");

        HttpResponse<String> future = http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2027-01-01",
                "f.csv", WebSession.fixture("folkbokforing-utf8.csv"));
        assertProblem(future, 400, "urn:kaa:problem:intake.rejected.as-of-future");
        assertNoTrace();
    }

    @Test
    void inskrivningarExaminaAndAntagningAreImportedWithTheirRowErrors() {
        HttpResponse<String> enrolments = http.upload("/api/v1/imports/inskrivningar?municipality=2380", "i.csv",
                WebSession.fixture("inskrivningar.csv"));
        assertThat(enrolments.statusCode()).isEqualTo(201);
        JsonNode report = WebSession.json(enrolments);
        assertThat(report.get("rowsTotal").asInt()).isEqualTo(5);
        assertThat(report.get("rowsAccepted").asInt()).isEqualTo(3);
        assertThat(report.get("rowsRejected").asInt()).isEqualTo(2);
        List<String> errors = new ArrayList<>();
        report.get("errors").forEach(e -> errors.add(e.get("row").asInt() + "|" + e.get("column").asString()));
        assertThat(errors).containsExactly("5|skolenhetskod", "5|skolform", "5|startdatum", "5|slutorsak", "6|slutdatum");
        assertThat(count("enrolment")).isEqualTo(3);
        assertThat(jdbc.sql("SELECT programme FROM enrolment ORDER BY programme").query(String.class).list())
                .containsExactly("IMYRK", "NA", "TE");

        HttpResponse<String> credentials = http.upload("/api/v1/imports/examina?municipality=2380", "e.csv",
                WebSession.fixture("examina.csv"));
        assertThat(credentials.statusCode()).isEqualTo(201);
        JsonNode credentialReport = WebSession.json(credentials);
        assertThat(credentialReport.get("rowsAccepted").asInt()).isEqualTo(2);
        assertThat(credentialReport.get("errors").toString()).contains("rad 3", "GYEX_HOG, GYEX_YRK");
        assertThat(count("credential")).isEqualTo(2);

        HttpResponse<String> admissions = http.upload("/api/v1/imports/antagning?municipality=2361", "a.csv",
                WebSession.fixture("antagning.csv"));
        assertThat(admissions.statusCode()).isEqualTo(201);
        JsonNode admissionReport = WebSession.json(admissions);
        assertThat(admissionReport.get("rowsAccepted").asInt()).isEqualTo(2);
        assertThat(admissionReport.get("rowsRejected").asInt()).isEqualTo(1);
        assertThat(count("admission")).isEqualTo(2);
    }

    @Test
    void unknownKindUnknownBatchMissingFileWrongMediaTypeAndNoCredentials() {
        assertProblem(http.upload("/api/v1/imports/betyg?municipality=2380", "b.csv", WebSession.fixture("examina.csv")),
                404, "urn:kaa:problem:not-found");
        assertProblem(http.get("/api/v1/imports/424242"), 404, "urn:kaa:problem:not-found");
        assertProblem(http.get("/api/v1/imports/424242/rejected-rows"), 404, "urn:kaa:problem:not-found");

        HttpResponse<String> noFile = http.upload("/api/v1/imports/examina?municipality=2380", null, null,
                Map.of("note", "x"), WebSession.basic(), Map.of());
        assertProblem(noFile, 400, "urn:kaa:problem:invalid-fields");
        assertThat(WebSession.json(noFile).get("errors").get(0).get("field").asString()).isEqualTo("file");

        HttpResponse<String> json = http.postJson("/api/v1/imports/examina?municipality=2380", "{}", Map.of());
        assertThat(json.statusCode()).isEqualTo(415);

        HttpResponse<String> anonymous = http.upload("/api/v1/imports/examina?municipality=2380", "e.csv",
                WebSession.fixture("examina.csv"), Map.of(), null, Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertNoTrace();
    }

    private static InputStream filler(long size) {
        byte[] line = "200701012387;Åsa;Öberg;2380;2007-01-01;;Storgatan 1;83130;Östersund;NEJ;NORMAL\n"
                .getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            long sent;

            @Override
            public int read() {
                return sent < size ? line[(int) (sent++ % line.length)] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - sent);
                for (int i = 0; i < n; i++) {
                    b[off + i] = line[(int) (sent++ % line.length)];
                }
                return n;
            }
        };
    }

    static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = WebSession.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("title").asString()).isNotBlank();
    }

    private void assertNoTrace() {
        for (String table : List.of("import_batch", "import_rejected_row", "population_record", "person", "enrolment",
                "credential", "admission")) {
            assertThat(count(table)).as(table).isZero();
        }
    }

    private int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }

    private PersonSummary summary(String pnr) {
        UUID id = persons.find(PersonalIdentityNumber.ofStored(pnr)).orElseThrow();
        return persons.summary(id).orElseThrow();
    }

    private String name(String pnr) {
        return summary(pnr).displayName();
    }
}
