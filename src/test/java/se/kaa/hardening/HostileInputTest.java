package se.kaa.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.testsupport.AlsoGranskare;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/**
 * Malformed, oversized and hostile input to every API endpoint: always a 4xx with problem details
 * (or, for free text that is merely unusual, an ordinary answer) – never a 500, never a change in the
 * data – and stored text with HTML is escaped where it is shown.
 */
@KaaIntegrationTest
@ExtendWith(AlsoGranskare.class)
class HostileInputTest {

    static final List<String> HOSTILE = List.of(
            "", " ", "<script>alert(1)</script>", "' OR '1'='1", "1; DROP TABLE person;--", "\u0000\u0007\u001b[2J",
            "x".repeat(20_000), "19999999-999X", "200801172389", "😀", "../../etc/passwd", "%00", "-1",
            "99999999999999999999", "2026-02-30", "null", "{\"a\":1}");

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            """;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;

    WebSession http;
    String alva;

    @BeforeEach
    void oneImportedPerson() {
        database.clean();
        clock.reset();
        http = WebSession.api(port);
        assertThat(http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "f.csv",
                FOLKBOKFORING.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        alva = jdbc.sql("SELECT id FROM person").query(UUID.class).single().toString();
    }

    @Test
    void queryParametersAndPathVariablesNeverBreakTheApi() {
        Map<String, Long> before = counts();
        List<String> typed = new ArrayList<>();
        for (String v : HOSTILE) {
            String q = URLEncoder.encode(v, StandardCharsets.UTF_8);
            typed.add("/api/v1/target-group/members?municipality=" + q);
            typed.add("/api/v1/target-group/members?municipality=2380&date=" + q);
            typed.add("/api/v1/target-group/members?municipality=2380&size=" + q);
            typed.add("/api/v1/target-group/members?municipality=2380&page=" + q);
            typed.add("/api/v1/persons/" + q);
            typed.add("/api/v1/persons/" + alva + "/explanation?date=" + q);
            typed.add("/api/v1/persons/" + q + "/extract");
            typed.add("/api/v1/imports/" + q);
            typed.add("/api/v1/imports/" + q + "/rejected-rows");
            typed.add("/api/v1/notices/" + q);
            typed.add("/api/v1/audit/entries?from=" + q);
            typed.add("/api/v1/audit/entries?personId=" + q);
        }
        for (String path : typed) {
            HttpResponse<String> r = http.get(path);
            assertProblemOrOk(path, r);
        }
        // Free text that is merely unusual is an ordinary search.
        for (String v : HOSTILE) {
            String path = "/api/v1/audit/entries?user=" + URLEncoder.encode(v, StandardCharsets.UTF_8);
            assertProblemOrOk(path, http.get(path));
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void noticeBodiesNeverBreakTheApiNorChangeData() {
        Map<String, Long> before = counts();
        List<String> bodies = new ArrayList<>(List.of("", "not json", "[]", "null", "42", "{", "{\"type\": 5}",
                "{\"type\": [\"START\"], \"date\": {}}", "{\"absence\": \"many\"}"));
        for (String v : HOSTILE) {
            String s = v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\u0000", "\\u0000")
                    .replace("\u0007", "\\u0007").replace("\u001b", "\\u001b");
            bodies.add(notice("\"" + s + "\"", "\"200801172388\"", "\"2380\"", "\"2026-03-01\""));
            bodies.add(notice("\"START\"", "\"" + s + "\"", "\"2380\"", "\"2026-03-01\""));
            bodies.add(notice("\"START\"", "\"200801172388\"", "\"" + s + "\"", "\"2026-03-01\""));
            bodies.add(notice("\"START\"", "\"200801172388\"", "\"2380\"", "\"" + s + "\""));
            bodies.add(notice("\"STOP\"", "\"200801172388\"", "\"2380\"", "\"2026-03-01\", \"endReason\": \"" + s + "\""));
        }
        int i = 0;
        for (String body : bodies) {
            HttpResponse<String> r = http.postJson("/api/v1/notices", body, Map.of("Idempotency-Key", "hostile-" + i++));
            assertThat(r.statusCode()).as(shorten(body) + " → " + shorten(r.body())).isBetween(400, 499);
            assertProblem(r);
        }
        HttpResponse<String> noKey = http.postJson("/api/v1/notices",
                notice("\"START\"", "\"200801172388\"", "\"2380\"", "\"2026-03-01\""), Map.of());
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void importRequestsNeverBreakTheApiNorChangeData() {
        Map<String, Long> before = counts();
        for (String v : HOSTILE) {
            String q = URLEncoder.encode(v, StandardCharsets.UTF_8);
            for (String path : List.of("/api/v1/imports/" + q + "?municipality=2380",
                    "/api/v1/imports/folkbokforing?municipality=" + q + "&asOf=2026-09-01",
                    "/api/v1/imports/folkbokforing?municipality=2380&asOf=" + q)) {
                HttpResponse<String> r = http.upload(path, "f.csv", FOLKBOKFORING.replace("2026", "2025")
                        .getBytes(StandardCharsets.UTF_8));
                assertThat(r.statusCode()).as(path).isBetween(400, 499);
                if (refusedByTomcat(path) && r.statusCode() == 400) {
                    continue;
                }
                assertThat(r.headers().firstValue("Content-Type").orElse("")).as(shorten(path))
                        .startsWith("application/problem+json");
                assertProblem(r);
            }
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void batchDecisionsNeverBreakTheApiNorChangeData() {
        long batch = jdbc.sql("SELECT id FROM import_batch").query(Long.class).single();
        Map<String, Long> before = counts();
        String status = jdbc.sql("SELECT status FROM import_batch WHERE id = ?").param(batch).query(String.class).single();
        List<String> paths = new ArrayList<>();
        for (String v : HOSTILE) {
            String q = URLEncoder.encode(v, StandardCharsets.UTF_8);
            for (String action : List.of("confirm", "discard", "withdraw")) {
                paths.add("/api/v1/imports/" + q + "/" + action);
            }
        }
        for (String path : paths) {
            HttpResponse<String> r = http.postJson(path, "{\"reason\": \"x\"}", Map.of());
            assertThat(r.statusCode()).as(shorten(path) + " → " + shorten(r.body())).isBetween(400, 499);
            if (!(refusedByTomcat(path) && r.statusCode() == 400)) {
                assertProblem(r);
            }
        }
        // Hostile bodies and reasons on a real batch: refused, or (confirm, discard) a 409 for a batch not held.
        List<String> bodies = new ArrayList<>(List.of("not json", "[]", "42", "{", "{\"reason\": 5}",
                "{\"reason\": [\"a\"]}", "{\"reason\": {}}", "{\"reason\": null}", "{\"reason\": \"   \"}",
                "{\"reason\": \"" + "x".repeat(1001) + "\"}", "{\"reason\": \"a\\u0000b\"}", "{\"reason\": \"a\\u001bb\"}"));
        for (String body : bodies) {
            HttpResponse<String> w = http.postJson("/api/v1/imports/" + batch + "/withdraw", body, Map.of());
            assertThat(w.statusCode()).as(shorten(body) + " → " + shorten(w.body())).isEqualTo(400);
            assertProblem(w);
            for (String action : List.of("confirm", "discard")) {
                HttpResponse<String> r = http.postJson("/api/v1/imports/" + batch + "/" + action, body, Map.of());
                assertThat(r.statusCode()).as(action + " " + shorten(body) + " → " + shorten(r.body())).isBetween(400, 499);
                assertProblem(r);
            }
        }
        assertThat(counts()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT status FROM import_batch WHERE id = ?").param(batch).query(String.class).single())
                .isEqualTo(status);
    }

    @Test
    void hostileRowsAreRejectedRowsAndTheirHtmlIsEscapedWhereShown() {
        StringBuilder csv = new StringBuilder(
                "personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak\n");
        for (String v : HOSTILE) {
            // A NUL byte makes the whole file binary (refused as not CSV, tested elsewhere): rows get the rest.
            String field = v.replace(";", ",").replace("\n", " ").replace("\"", "'").replace("\u0000", "");
            csv.append(field).append(";12345678;Kommunen;GY;NA;2024-08-19;;\n");
            csv.append("200801172388;").append(field).append(";Kommunen;GY;NA;2024-08-19;;\n");
        }
        csv.append("200801172388;12345678;<b>Skolan</b> & co;GY;NA;2024-08-19;;\n");
        HttpResponse<String> r = http.upload("/api/v1/imports/inskrivningar?municipality=2380", "i.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(shorten(r.body())).isEqualTo(201);
        assertThat(WebSession.json(r).get("rowsAccepted").asInt()).isEqualTo(1);
        assertThat(r.body()).doesNotContain("<script>");

        String json = http.get("/api/v1/persons/" + alva).body();
        assertThat(json).contains("<b>Skolan</b> & co"); // JSON carries the text as given; HTML pages escape it

        se.kaa.testsupport.WebSession web = new se.kaa.testsupport.WebSession(port);
        web.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        String personPage = web.get("/personer/" + alva).body();
        assertThat(personPage).contains("&lt;b&gt;Skolan&lt;/b&gt; &amp; co").doesNotContain("<b>Skolan</b>");
        long batch = WebSession.json(r).get("id").asLong();
        String batchPage = web.get("/importer/" + batch).body();
        assertThat(batchPage).contains("&lt;script&gt;").doesNotContain("<script>alert");
    }

    /**
     * School unit files with a hostile value in every column: each such row is refused with its line
     * (never a 500), only the one good row is saved, and a name with HTML is escaped on the pages; a
     * hostile file as a whole (binary, empty, no header) is problem details and saves nothing.
     */
    @Test
    void schoolUnitFilesNeverBreakTheApiAndTheirHtmlIsEscaped() {
        StringBuilder csv = new StringBuilder("skolenhetskod;namn;huvudman;skolformer;kommunkod\n");
        int hostileRows = 0;
        for (String v : HOSTILE) {
            String field = v.replace(";", ",").replace("\n", " ").replace("\"", "'").replace("\u0000", "");
            csv.append(field).append(";Skolan;Kommunen;GY;2380\n");
            csv.append("1111222").append(hostileRows % 10).append(";Skolan;Kommunen;").append(field).append(";2380\n");
            csv.append("2222333").append(hostileRows % 10).append(";Skolan;Kommunen;GY;").append(field).append("\n");
            hostileRows++;
        }
        csv.append("12345678;<b>Skolan</b> & co;<i>Huvudman</i>;GY;2380\n");
        HttpResponse<String> r = http.upload("/api/v1/school-units", "s.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(shorten(r.body())).isEqualTo(200);
        // a refused value is repeated cut short and without control characters (JSON carries it as text)
        assertThat(r.body()).doesNotContain("x".repeat(31), "\\u0007", "\\u001B").contains("xxxxxxxxxx…");
        // a valid code with empty or valid types and municipality passes; everything else is refused
        long saved = jdbc.sql("SELECT count(*) FROM school_unit").query(Long.class).single();
        assertThat(saved).isEqualTo(WebSession.json(r).get("saved").asLong());
        assertThat(jdbc.sql("SELECT count(*) FROM school_unit WHERE name <> 'Skolan' AND name <> '<b>Skolan</b> & co'")
                .query(Long.class).single()).isZero();
        assertThat(WebSession.json(r).get("refused").size()).isGreaterThan(HOSTILE.size());

        se.kaa.testsupport.WebSession web = new se.kaa.testsupport.WebSession(port);
        web.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        assertThat(web.get("/admin/skolenheter").body()).contains("&lt;b&gt;Skolan&lt;/b&gt; &amp; co")
                .doesNotContain("<b>Skolan</b>", "<i>Huvudman</i>");
        assertThat(http.get("/api/v1/school-units").body()).contains("<b>Skolan</b> & co");

        for (byte[] file : List.of(new byte[0], new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2},
                "kod;namn\n1;2\n".getBytes(StandardCharsets.UTF_8), "\u0000\u0000".getBytes(StandardCharsets.UTF_8))) {
            HttpResponse<String> refused = http.upload("/api/v1/school-units", "s.csv", file);
            assertThat(refused.statusCode()).as(shorten(refused.body())).isBetween(400, 499);
            assertProblem(refused);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM school_unit").query(Long.class).single()).isEqualTo(saved);
    }

    private static String notice(String type, String pnr, String municipality, String date) {
        return "{\"type\": " + type + ", \"personnummer\": " + pnr + ", \"municipality\": " + municipality
                + ", \"schoolUnitCode\": \"12345678\", \"organiser\": \"Kommunen\", \"schoolType\": \"GY\","
                + " \"programme\": \"NA\", \"date\": " + date + "}";
    }

    private void assertProblemOrOk(String path, HttpResponse<String> r) {
        assertThat(r.statusCode()).as(shorten(path) + " → " + shorten(r.body())).isLessThan(500);
        if (refusedByTomcat(path) && r.statusCode() == 400) {
            return;
        }
        if (r.statusCode() >= 400) {
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(shorten(path))
                    .startsWith("application/problem+json");
            assertProblem(r);
        }
    }

    /**
     * An encoded slash or NUL in the path part, or a request line over Tomcat's 8 KB header limit, is
     * refused by Tomcat itself with its own 400, before the application sees the request: still a
     * 4xx, and nothing reaches the data.
     */
    private static boolean refusedByTomcat(String path) {
        String pathPart = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return pathPart.contains("%2F") || pathPart.contains("%00") || path.length() > 8_000;
    }

    private static void assertProblem(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).doesNotContain("<script>", "Exception", "at se.kaa");
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : List.of("person", "population_record", "enrolment", "notice", "import_batch", "credential")) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /**
     * The API endpoints this sweep sends hostile input to. A new API endpoint fails
     * {@link #everyApiEndpointIsSwept()} until it is added to the sweep and here.
     */
    static final java.util.Set<String> SWEPT = java.util.Set.of(
            "GET /api/v1/target-group/members", "GET /api/v1/persons/{personId}",
            "GET /api/v1/persons/{personId}/explanation", "GET /api/v1/persons/{personId}/extract",
            "POST /api/v1/imports/{kind}", "GET /api/v1/imports/{id}", "GET /api/v1/imports/{id}/rejected-rows",
            "POST /api/v1/notices", "GET /api/v1/notices/{id}",
            "POST /api/v1/imports/{id}/confirm", "POST /api/v1/imports/{id}/discard", "POST /api/v1/imports/{id}/withdraw",
            "GET /api/v1/audit/entries", "GET /api/v1/audit/entries.csv", "GET /api/v1/audit/verify",
            "GET /api/v1/school-units", "POST /api/v1/school-units");

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings;

    @Test
    void everyApiEndpointIsSwept() {
        java.util.Set<String> api = new java.util.TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/"))
                .forEach(p -> {
                    var methods = info.getMethodsCondition().getMethods();
                    if (methods.isEmpty()) {
                        api.add("GET " + p);
                    } else {
                        methods.forEach(m -> api.add(m.name() + " " + p));
                    }
                }));
        java.util.Set<String> swept = new java.util.HashSet<>(SWEPT);
        swept.addAll(HostileCaseworkApiTest.SWEPT);
        swept.addAll(HostileReportingApiTest.SWEPT);
        assertThat(api).as("the API endpoints found").contains("POST /api/v1/notices", "GET /api/v1/cases/{id}");
        assertThat(api).as("API endpoints without a hostile-input sweep").isSubsetOf(swept);
    }
}
