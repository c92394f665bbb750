package se.kaa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
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
import tools.jackson.databind.JsonNode;

import se.kaa.targetgroup.internal.Recomputation;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/**
 * Every page and endpoint that reads or writes personal data leaves an entry naming the user, the
 * municipality and the persons; protected identity is flagged; a granskare searches by person
 * (personnummer posted, never in a URL) or by user and period, and exports; the search is logged.
 */
@KaaIntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(se.kaa.testsupport.AlsoGranskare.class)
class AuditTrailHttpTest {

    // Skatteverket test numbers.
    static final String ALVA = "200801172388";
    static final String BERTIL = "200802012385";
    static final String GRETA = "200802282384"; // protected identity
    static final List<String> ALL = List.of(ALVA, BERTIL, GRETA);

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802012385;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
            200802282384;Greta;Gran;2380;2008-02-28;;Hemliga vägen 4;83130;Östersund;JA;NORMAL
            """;

    /** Bertil's row is rejected (unknown school type): reading the report reads about him. */
    static final String INSKRIVNINGAR = """
            personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
            200801172388;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-03-13;AVBROTT
            200802012385;12345678;Östersunds kommun;XX;NA;2024-08-19;;
            200802282384;87654321;Friskolan AB;GY;EK;2024-08-19;2025-10-31;AVBROTT
            """;

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired AuditTrail trail;
    @Autowired Recomputation recomputation;
    @Autowired se.kaa.retention.internal.RetentionService retention;

    WebSession http;
    HttpClient browser;
    long folkbokforingBatch;
    long inskrivningarBatch;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        http = WebSession.api(port);
        HttpResponse<String> fb = upload("folkbokforing", "&asOf=2026-09-01", FOLKBOKFORING);
        assertThat(fb.statusCode()).isEqualTo(201);
        folkbokforingBatch = WebSession.json(fb).get("id").asLong();
        HttpResponse<String> in = upload("inskrivningar", "", INSKRIVNINGAR);
        assertThat(in.statusCode()).isEqualTo(201);
        inskrivningarBatch = WebSession.json(in).get("id").asLong();
        browser = HttpClient.newBuilder().cookieHandler(new se.kaa.testsupport.LocalhostCookies())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> login = postForm("/login", Map.of("username", KaaIntegrationTest.USER,
                "password", KaaIntegrationTest.PASSWORD, "_csrf", csrf(page("/login").body())));
        assertThat(login.statusCode()).isEqualTo(302);
    }

    @Test
    void anImportIsOneWriteNamingItsBatchAndASearchForAnyPersonOfItsRowsFindsIt() {
        AuditEntry fb = only("IMPORT_UPLOADED", "folkbokforing import batch " + folkbokforingBatch);
        assertThat(fb.kind()).isEqualTo(AuditEvent.Kind.WRITE);
        assertThat(fb.actor()).isEqualTo(KaaIntegrationTest.USER);
        assertThat(fb.municipality()).isEqualTo("2380");
        // the entry names the batch, not every person (a million ids in one row ran the heap out)
        assertThat(fb.batchId()).isEqualTo(folkbokforingBatch);
        assertThat(fb.personIds()).isEmpty();
        assertThat(fb.protectedIdentity()).as("one of the batch's persons has protected identity").isTrue();
        AuditEntry in = only("IMPORT_UPLOADED", "inskrivningar import batch " + inskrivningarBatch);
        assertThat(in.batchId()).isEqualTo(inskrivningarBatch);
        // "who changed what about her" still finds each import of her rows, and only those
        for (String pnr : List.of(ALVA, BERTIL, GRETA)) {
            assertThat(trail.search(new AuditTrail.Query(id(pnr), null, null, null)))
                    .as(pnr).anySatisfy(e -> assertThat(e.id()).isEqualTo(fb.id()));
        }
        for (String pnr : List.of(ALVA, GRETA)) {
            assertThat(trail.search(new AuditTrail.Query(id(pnr), null, null, null)))
                    .as(pnr).anySatisfy(e -> assertThat(e.id()).isEqualTo(in.id()));
        }
        assertThat(trail.search(new AuditTrail.Query(id(BERTIL), null, null, null)))
                .as("Bertil has no row in the enrolment file").noneSatisfy(e -> assertThat(e.id()).isEqualTo(in.id()));
        assertThat(trail.verify().valid()).as("the batch is part of the entry's hash").isTrue();
    }

    @Test
    void readingAPersonThroughThePageAndTheApiIsLoggedAndProtectedIdentityFlagged() {
        assertThat(page("/personer/" + id(ALVA)).statusCode()).isEqualTo(200);
        AuditEntry viewed = only("PERSON_VIEWED", "GET /personer/" + id(ALVA));
        assertThat(viewed.kind()).isEqualTo(AuditEvent.Kind.READ);
        assertThat(viewed.actor()).isEqualTo(KaaIntegrationTest.USER);
        assertThat(viewed.municipality()).isEqualTo("2380");
        assertThat(viewed.personIds()).containsExactly(id(ALVA));
        assertThat(viewed.protectedIdentity()).isFalse();

        assertThat(page("/personer/" + id(GRETA)).statusCode()).isEqualTo(200);
        assertThat(only("PERSON_VIEWED", "GET /personer/" + id(GRETA)).protectedIdentity()).isTrue();

        assertThat(http.get("/api/v1/persons/" + id(GRETA)).statusCode()).isEqualTo(200);
        AuditEntry read = only("PERSON_READ", "GET /api/v1/persons/" + id(GRETA));
        assertThat(read.personIds()).containsExactly(id(GRETA));
        assertThat(read.protectedIdentity()).isTrue();

        assertThat(http.get("/api/v1/persons/" + id(ALVA) + "/explanation?date=2026-05-01").statusCode()).isEqualTo(200);
        AuditEntry explained = only("EXPLANATION_READ", "GET /api/v1/persons/" + id(ALVA) + "/explanation date=2026-05-01");
        assertThat(explained.personIds()).containsExactly(id(ALVA));
        assertThat(explained.protectedIdentity()).isFalse();
    }

    @Test
    void aListIsLoggedWithEveryPersonItShowed() {
        assertThat(http.get("/api/v1/target-group/members?municipality=2380&date=2026-11-22").statusCode())
                .isEqualTo(200);
        AuditEntry api = entries("MEMBERS_LISTED").get(0);
        assertThat(api.context()).startsWith("GET /api/v1/target-group/members date=2026-11-22");
        assertThat(api.personIds()).containsExactlyInAnyOrder(id(ALVA), id(BERTIL), id(GRETA));
        assertThat(api.protectedIdentity()).isTrue();

        assertThat(page("/malgrupp?municipality=2380&date=2025-09-01").statusCode()).isEqualTo(200);
        AuditEntry pageEntry = entries("MEMBERS_LISTED").get(0);
        assertThat(pageEntry.context()).isEqualTo("GET /malgrupp date=2025-09-01 page=0");
        assertThat(pageEntry.personIds()).containsExactly(id(BERTIL));
        assertThat(pageEntry.protectedIdentity()).isFalse();
        assertThat(pageEntry.municipality()).isEqualTo("2380");
    }

    @Test
    void readingABatchReportOrItsRejectedRowsIsLoggedWithTheirPersons() {
        long id = inskrivningarBatch;
        assertThat(http.get("/api/v1/imports/" + id).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/imports/" + id + "/rejected-rows").statusCode()).isEqualTo(200);
        assertThat(page("/importer/" + id).statusCode()).isEqualTo(200);
        assertThat(page("/importer/" + id + "/avvisade.csv").statusCode()).isEqualTo(200);
        List<AuditEntry> reads = entries("IMPORT_BATCH_READ");
        assertThat(reads).extracting(AuditEntry::context).containsExactly(
                "GET /importer/" + id + "/avvisade.csv", "GET /importer/" + id,
                "GET /api/v1/imports/" + id + "/rejected-rows", "GET /api/v1/imports/" + id);
        assertThat(reads).allSatisfy(e -> {
            assertThat(e.personIds()).containsExactly(id(BERTIL));
            assertThat(e.kind()).isEqualTo(AuditEvent.Kind.READ);
            assertThat(e.municipality()).isEqualTo("2380");
        });
    }

    @Test
    void aNoticeIsAWriteAndItsReceiptARead() {
        HttpResponse<String> response = http.postJson("/api/v1/notices", """
                {"type": "ABSENCE", "personnummer": "200801172388", "municipality": "2380", "schoolUnitCode": "12345678",
                 "date": "2026-11-20", "absence": {"from": "2026-10-01", "to": "2026-10-31", "hours": 12}}""",
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        long notice = WebSession.json(response).get("id").asLong();
        AuditEntry written = only("NOTICE_RECEIVED", "notice " + notice);
        assertThat(written.kind()).isEqualTo(AuditEvent.Kind.WRITE);
        assertThat(written.personIds()).containsExactly(id(ALVA));

        assertThat(http.get("/api/v1/notices/" + notice).statusCode()).isEqualTo(200);
        assertThat(page("/anmalningar/" + notice + "/kvitto").statusCode()).isEqualTo(200);
        assertThat(entries("NOTICE_READ")).extracting(AuditEntry::context)
                .containsExactly("GET /anmalningar/" + notice + "/kvitto", "GET /api/v1/notices/" + notice);
        assertThat(entries("NOTICE_READ")).allSatisfy(e -> assertThat(e.personIds()).containsExactly(id(ALVA)));
    }

    @Test
    void aGranskareSearchesByPersonnummerInAPostedFormAndTheSearchIsLogged() {
        page("/personer/" + id(GRETA));
        page("/personer/" + id(ALVA));
        HttpResponse<String> form = page("/granskning");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<label for=\"personnummer\"", "method=\"post\"");

        HttpResponse<String> result = postForm("/granskning", Map.of("personnummer", "20080228-2384", "user", "",
                "from", "", "to", "", "_csrf", csrf(form.body())));
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body()).contains("läste personsidan för Greta", "GET /personer/" + id(GRETA), "importerade en fil")
                .doesNotContain("GET /personer/" + id(ALVA)).doesNotContain("2384");
        AuditEntry search = entries("AUDIT_SEARCHED").get(0);
        assertThat(search.personIds()).containsExactly(id(GRETA));
        assertThat(search.protectedIdentity()).isTrue();
        assertThat(search.context()).isEqualTo("POST /granskning personId=" + id(GRETA));

        HttpResponse<String> csv = postForm("/granskning/export", Map.of("personnummer", GRETA,
                "_csrf", csrf(form.body())));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body()).startsWith("\uFEFFid;tidpunkt;anvandare").contains("PERSON_VIEWED;READ;1;" + id(GRETA))
                .doesNotContain("GET /personer/" + id(ALVA));
        // the first search is itself in the log of Greta now
        assertThat(csv.body()).contains("AUDIT_SEARCHED");

        HttpResponse<String> invalid = postForm("/granskning", Map.of("personnummer", "20080228-2385",
                "_csrf", csrf(form.body())));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("Personnumret är inte ett giltigt personnummer").doesNotContain("2385");
        HttpResponse<String> badDates = postForm("/granskning/export", Map.of("from", "igår", "to", "2026-13-45",
                "_csrf", csrf(form.body())));
        assertThat(badDates.statusCode()).isEqualTo(400);
        assertThat(badDates.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(badDates.body()).contains("Från och med ska vara ett datum", "Till och med ska vara ett datum");
        assertThat(entries("AUDIT_SEARCHED")).hasSize(2); // refused searches read nothing
    }

    @Test
    void theApiSearchesByUserAndPeriodAndByPersonIdAndExportsCsv() {
        clock.setDate(LocalDate.of(2026, 11, 24));
        http.get("/api/v1/persons/" + id(ALVA));
        clock.setDate(LocalDate.of(2026, 11, 26));
        http.get("/api/v1/persons/" + id(BERTIL));

        JsonNode period = ok("/api/v1/audit/entries?user=" + KaaIntegrationTest.USER + "&from=2026-11-23&to=2026-11-24");
        assertThat(period.get("count").asInt()).isEqualTo(1);
        assertThat(period.get("entries").get(0).get("action").asString()).isEqualTo("PERSON_READ");
        assertThat(period.get("entries").get(0).get("personIds").get(0).asString()).isEqualTo(id(ALVA).toString());
        assertThat(ok("/api/v1/audit/entries?user=nobody").get("count").asInt()).isZero();

        JsonNode byPerson = ok("/api/v1/audit/entries?personId=" + id(BERTIL));
        assertThat(byPerson.get("entries")).extracting(e -> e.get("action").asString())
                .containsExactly("AUDIT_SEARCHED", "PERSON_READ", "CASE_OPENED", "EPISODES_RECOMPUTED", "IMPORT_UPLOADED"); // sees itself
        AuditEntry logged = entries("AUDIT_SEARCHED").get(0);
        assertThat(logged.personIds()).containsExactly(id(BERTIL));
        assertThat(logged.actor()).isEqualTo(KaaIntegrationTest.USER);

        HttpResponse<String> csv = http.get("/api/v1/audit/entries.csv?personId=" + id(BERTIL));
        assertThat(csv.statusCode()).isEqualTo(200);
        // header, this export's own entry, the earlier search, the read, the case opened, the recomputation,
        // the import
        assertThat(csv.body().lines().count()).isEqualTo(7);

        HttpResponse<String> bad = http.get("/api/v1/audit/entries?from=yesterday&personId=x");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(bad.body()).contains("from", "personId");
    }

    @Test
    void theRecomputationWritesEpisodesUnderTheImportersNameOrAsTheNamedDailyJob() {
        AuditEntry afterImport = entries("EPISODES_RECOMPUTED").stream()
                .filter(e -> e.context().equals("recompute folkbokforing import batch " + folkbokforingBatch))
                .findFirst().orElseThrow();
        assertThat(afterImport.actor()).isEqualTo(KaaIntegrationTest.USER);
        assertThat(afterImport.kind()).isEqualTo(AuditEvent.Kind.WRITE);
        assertThat(afterImport.personIds()).contains(id(GRETA));

        clock.setDate(LocalDate.of(2028, 1, 20)); // Alva turned 20 on the 17th and leaves the group
        recomputation.daily();
        AuditEntry daily = entries("EPISODES_RECOMPUTED").get(0);
        assertThat(daily.context()).isEqualTo("recompute daily");
        assertThat(daily.actor()).isEqualTo("recompute");
        assertThat(daily.actorType()).isEqualTo("SYSTEM");
        assertThat(daily.personIds()).containsExactly(id(ALVA));
    }

    @Test
    void retentionsListOfPersonsDueIsAReadAndRemovingHerAWrite() {
        clock.setDate(LocalDate.of(2029, 1, 17)); // a year after Alva's 20th birthday: her data is due
        recomputation.daily();
        assertThat(page("/admin/gallring").statusCode()).isEqualTo(200);
        AuditEntry shown = only("RETENTION_PLAN_SHOWN", "GET /admin/gallring");
        assertThat(shown.personIds()).containsExactly(id(ALVA));
        assertThat(shown.actor()).isEqualTo(KaaIntegrationTest.USER);
        UUID alva = id(ALVA);

        retention.run("MANUAL", KaaIntegrationTest.USER);
        AuditEntry removed = only("PERSON_REMOVED_BY_RETENTION", "retention run");
        assertThat(removed.personIds()).containsExactly(alva);
        assertThat(removed.kind()).isEqualTo(AuditEvent.Kind.WRITE);
        assertThat(trail.verify().valid()).isTrue();
    }

    @Test
    void noEntryNamesAPersonnummer() {
        page("/personer/" + id(GRETA));
        http.get("/api/v1/target-group/members?municipality=2380");
        http.get("/api/v1/imports/" + inskrivningarBatch);
        postForm("/granskning", Map.of("personnummer", ALVA, "_csrf", csrf(page("/granskning").body())));
        List<String> texts = jdbc.sql("SELECT actor || ' ' || action || ' ' || context FROM audit_entry")
                .query(String.class).list();
        assertThat(texts).isNotEmpty();
        for (String pnr : ALL) {
            assertThat(texts).noneMatch(t -> t.contains(pnr.substring(2)) || t.contains(pnr.substring(2, 8)));
        }
        assertThat(trail.verify().valid()).isTrue();
    }

    private JsonNode ok(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return WebSession.json(response);
    }

    private List<AuditEntry> entries(String action) {
        return trail.search(new AuditTrail.Query(null, null, null, null)).stream()
                .filter(e -> e.action().equals(action)).toList();
    }

    private AuditEntry only(String action, String context) {
        List<AuditEntry> found = entries(action).stream().filter(e -> e.context().equals(context)).toList();
        assertThat(found).as(action + " " + context).hasSize(1);
        return found.get(0);
    }

    private UUID id(String pnr) {
        return jdbc.sql("SELECT id FROM person WHERE pnr = ?").param(pnr).query(UUID.class).single();
    }

    private HttpResponse<String> upload(String kind, String query, String csv) {
        return http.upload("/api/v1/imports/" + kind + "?municipality=2380" + query, kind + ".csv",
                csv.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> page(String path) {
        return send(HttpRequest.newBuilder(http.uri(path)).build());
    }

    private HttpResponse<String> postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
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
