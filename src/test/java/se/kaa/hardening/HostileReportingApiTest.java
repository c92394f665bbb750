package se.kaa.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.security.Role;
import se.kaa.shared.HalfYear;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * Hostile input to every reporting API endpoint, as the unit manager of the municipality (and the
 * administrator for specs): every path variable, every body field with hostile strings and wrong JSON
 * types, hostile spec files – always a 4xx with problem details, never a 500, and never a change: the
 * exports go to a locked half-year, the reopenings to an open one.
 */
@KaaIntegrationTest
class HostileReportingApiTest {

    /** The reporting endpoints this sweep covers (read by {@link HostileInputTest#everyApiEndpointIsSwept()}). */
    static final Set<String> SWEPT = Set.of(
            "GET /api/v1/reports/scb/{municipality}/{period}", "POST /api/v1/reports/scb/{municipality}/{period}/exports",
            "GET /api/v1/reports/scb/{municipality}/{period}/exports",
            "GET /api/v1/reports/scb/{municipality}/{period}/exports/{version}",
            "GET /api/v1/reports/scb/{municipality}/{period}/exports/{version}/diff/{other}",
            "POST /api/v1/reports/scb/{municipality}/{period}/lock", "POST /api/v1/reports/scb/{municipality}/{period}/reopen",
            "GET /api/v1/reports/scb/specs", "POST /api/v1/reports/scb/specs",
            "GET /api/v1/reports/board/{municipality}/{period}", "GET /api/v1/reports/board/{municipality}/{period}.pdf");

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            """; // Skatteverket test number; no enrolment, so she is in the group

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    HalfYear locked;
    HalfYear open;

    @BeforeEach
    void aLockedHalfYearAndAnOpenOne() {
        database.clean();
        clock.reset();
        users.ensure();
        assertThat(WebSession.api(port).upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01",
                "f.csv", FOLKBOKFORING.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        open = HalfYear.of(clock.today());
        locked = open.previous();
        HttpResponse<String> export = send("POST", base(locked) + "/exports", "{\"overrideReason\": \"test\"}");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(201);
        assertThat(send("POST", base(locked) + "/lock", "").statusCode()).isEqualTo(204);
        assertThat(send("POST", base(open) + "/exports", "{\"overrideReason\": \"test\"}").statusCode()).isEqualTo(201);
    }

    static String base(HalfYear period) {
        return "/api/v1/reports/scb/2380/" + period;
    }

    @Test
    void hostileBodiesAreRefusedAndChangeNothing() {
        Map<String, Long> before = counts();
        for (String value : HostileCaseworkApiTest.HOSTILE) {
            assertClientError("export " + shorten(value), send("POST", base(locked) + "/exports", "{\"overrideReason\": " + value + "}"));
            assertClientError("reopen " + shorten(value), send("POST", base(open) + "/reopen", "{\"reason\": " + value + "}"));
        }
        for (String raw : List.of("not json", "[]", "42", "{", "{\"overrideReason\": {}}")) {
            assertClientError("export body " + raw, send("POST", base(locked) + "/exports", raw));
            assertClientError("reopen body " + raw, send("POST", base(open) + "/reopen", raw));
            assertClientError("lock body " + raw, send("POST", base(locked) + "/lock", raw));
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void hostilePathVariablesAndParametersAreClientErrors() {
        Map<String, Long> before = counts();
        for (String v : List.of("<script>", "' OR '1'='1", "-1", "99999999999999999999", "0", "2026H3", "2026h1", "%00", "😀",
                "x".repeat(2_000), "2361", "0180")) {
            String q = URLEncoder.encode(v, StandardCharsets.UTF_8);
            assertClientError("municipality " + q, send("GET", "/api/v1/reports/scb/" + q + "/" + locked, null));
            assertClientError("period " + q, send("GET", "/api/v1/reports/scb/2380/" + q, null));
            assertClientError("exports of period " + q, send("POST", "/api/v1/reports/scb/2380/" + q + "/exports", "{}"));
            assertClientError("list of period " + q, send("GET", "/api/v1/reports/scb/2380/" + q + "/exports", null));
            assertClientError("version " + q, send("GET", base(locked) + "/exports/" + q, null));
            assertClientError("diff " + q, send("GET", base(locked) + "/exports/1/diff/" + q, null));
            assertClientError("diff of " + q, send("GET", base(locked) + "/exports/" + q + "/diff/1", null));
            assertClientError("format " + q, send("GET", base(locked) + "/exports/1?format=" + q, null));
            assertClientError("lock " + q, send("POST", "/api/v1/reports/scb/" + q + "/" + open + "/lock", ""));
            assertClientError("reopen " + q, send("POST", "/api/v1/reports/scb/2380/" + q + "/reopen", "{\"reason\": \"x\"}"));
            assertClientError("board municipality " + q, send("GET", "/api/v1/reports/board/" + q + "/" + locked, null));
            assertClientError("board period " + q, send("GET", "/api/v1/reports/board/2380/" + q, null));
            assertClientError("board pdf " + q, send("GET", "/api/v1/reports/board/2380/" + q + ".pdf", null));
        }
        assertThat(send("GET", "/api/v1/reports/scb/specs", null).statusCode()).isEqualTo(200);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void hostileSpecFilesAreRefusedWithProblemsAndStoreNothing() {
        send("GET", "/api/v1/reports/scb/specs", null); // the shipped spec is stored on first use
        Map<String, Long> before = counts();
        WebSession admin = WebSession.api(port);
        for (byte[] file : List.of(new byte[0], "not json".getBytes(StandardCharsets.UTF_8), "{".getBytes(StandardCharsets.UTF_8),
                "[]".getBytes(StandardCharsets.UTF_8), "null".getBytes(StandardCharsets.UTF_8),
                "{\"id\": \"<script>alert(1)</script>\", \"version\": \"\\u0000\"}".getBytes(StandardCharsets.UTF_8),
                ("{\"id\": \"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b}, "{\"columns\": [{}, 1, null, \"a\"]}".getBytes(StandardCharsets.UTF_8))) {
            HttpResponse<String> r = admin.upload("/api/v1/reports/scb/specs", "spec.json", file);
            assertClientError("spec of " + file.length + " bytes", r);
        }
        assertClientError("no file", admin.request("POST", "/api/v1/reports/scb/specs", ""));
        assertThat(counts()).isEqualTo(before);
    }

    /**
     * The national figures page (a form, not the API): hostile files are refused on the page with their
     * problems – never a server error, never stored – and the figures in use stay the shipped ones.
     */
    @Test
    void hostileNationalFiguresFilesAreRefusedOnThePageAndStoreNothing() {
        WebSession admin = new WebSession(port);
        assertThat(admin.login(se.kaa.testsupport.KaaIntegrationTest.USER, se.kaa.testsupport.KaaIntegrationTest.PASSWORD)
                .statusCode()).isEqualTo(302);
        for (byte[] file : List.of("not json".getBytes(StandardCharsets.UTF_8), "{".getBytes(StandardCharsets.UTF_8),
                "[]".getBytes(StandardCharsets.UTF_8), "null".getBytes(StandardCharsets.UTF_8),
                "{\"version\": \"<script>alert(1)</script>\", \"source\": \"\\u0000\", \"figures\": [1, null, {}]}".getBytes(StandardCharsets.UTF_8),
                ("{\"version\": 99999999999999999999, \"source\": \"" + "x".repeat(200_000) + "\", \"figures\": []}").getBytes(StandardCharsets.UTF_8),
                "{\"version\": 2, \"source\": \"s\", \"figures\": [{\"figure\": \"contact\", \"halfYear\": \"2026H1\", \"value\": 1e400}]}".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b}, new byte[0])) {
            HttpResponse<String> r = admin.upload("/admin/rapporter/riket", "riket.json", file, Map.of("_csrf", admin.csrf()),
                    null, Map.of());
            assertThat(r.statusCode()).as("a file of %d bytes", file.length).isEqualTo(302);
            String page = admin.get("/admin/rapporter/riket").body();
            assertThat(page).as("a file of %d bytes", file.length).contains("id=\"national-problems\"")
                    .doesNotContain("<script>alert(1)").contains("Version 1 används");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM reporting_national_figures").query(Long.class).single()).isZero();
    }

    private void assertClientError(String what, HttpResponse<String> r) {
        assertThat(r.statusCode()).as(what + " → " + shorten(r.body())).isBetween(400, 499);
        if (r.statusCode() != 404 || r.headers().firstValue("Content-Type").orElse("").contains("json")) {
            assertThat(r.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(r.body()).as(what).doesNotContain("<script>alert(1)", "Exception", "at se.kaa");
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : List.of("reporting_spec", "reporting_code_mapping", "reporting_scb_export", "reporting_scb_period_event")) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return WebSession.api(port, TestUsers.basic(Role.ENHETSCHEF)).request(method, path, body);
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
