package se.kaa.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * Hostile input to every casework API endpoint, as a handläggare of the case's municipality: every
 * field of every body, with hostile strings and wrong JSON types, and every path variable – always a
 * 4xx with problem details, never a 500, and never a change in the data. Bodies carry a stale
 * version, so a value that passes validation still stores nothing (409).
 */
@KaaIntegrationTest
class HostileCaseworkApiTest {

    /** The casework endpoints this sweep covers (read by {@link HostileInputTest#everyApiEndpointIsSwept()}). */
    static final Set<String> SWEPT = Set.of(
            "GET /api/v1/cases/{id}", "POST /api/v1/cases/{id}/contacts", "POST /api/v1/cases/{id}/occupations",
            "POST /api/v1/cases/{id}/measures", "PATCH /api/v1/cases/{id}/measures/{measureId}",
            "PUT /api/v1/cases/{id}/plan", "POST /api/v1/cases/{id}/notes", "PUT /api/v1/cases/{id}/contact-details",
            "POST /api/v1/letters", "GET /api/v1/cases/{id}/handover", "GET /api/v1/cases",
            "PUT /api/v1/cases/{id}/assignee", "POST /api/v1/cases/{id}/contacts/{contactId}/strike",
            "POST /api/v1/cases/{id}/letters/{letterId}/sent", "POST /api/v1/cases/letter-batches/{batchId}/sent");

    /**
     * Hostile JSON values: text with HTML, SQL and control characters, a huge string, an invalid
     * personnummer and date, and every wrong JSON type. (Each request signs in with bcrypt, so the list
     * is kept to what tells something new.)
     */
    static final List<String> HOSTILE = List.of("\"\"", "\"<script>alert(1)</script>\"", "\"' OR '1'='1\"",
            "\"\\u0000\\u0007\\u001b[2J\"", "\"" + "x".repeat(20_000) + "\"", "\"200801172389\"",
            "\"2026-02-30\"", "null", "-1", "true", "{}", "[\"REACHED\"]", "1e309");

    /** Each write endpoint with a body whose fields are all plausible. */
    static final Map<String, Map<String, String>> BODIES = new LinkedHashMap<>();

    static {
        BODIES.put("POST /contacts", fields("attemptedAt", "\"2026-11-20T10:00\"", "channel", "\"PHONE\"",
                "outcome", "\"NO_ANSWER\"", "note", "\"Ingen svarade\"", "nextAttemptDue", "\"2026-11-25\"",
                "confirmSensitive", "false"));
        BODIES.put("POST /occupations", fields("type", "\"WORK\"", "source", "\"YOUNG_PERSON\"", "started",
                "\"2026-10-01\"", "ended", "null", "verifiedOn", "\"2026-11-20\"", "note", "\"Lager\"",
                "confirmSensitive", "false"));
        BODIES.put("POST /measures", fields("measureTypeId", "\"1\"", "responsible", "\"MUNICIPALITY\"",
                "responsibleActor", "null", "status", "\"OFFERED\"", "offeredOn", "\"2026-11-20\"", "decidedOn", "null",
                "starts", "null", "ends", "null", "endReason", "null", "followUp", "\"2026-12-20\"", "note", "\"SYV\"",
                "confirmSensitive", "false"));
        BODIES.put("PATCH /measures/{measureId}", fields("status", "\"ACCEPTED\"", "decidedOn", "\"2026-11-21\"",
                "followUp", "\"2026-12-21\"", "note", "\"Tackade ja\"", "confirmSensitive", "false"));
        BODIES.put("PUT /plan", fields("goal", "\"Börja på komvux\"", "confirmSensitive", "false"));
        BODIES.put("POST /notes", fields("text", "\"Ringde mamma\"", "confirmSensitive", "false"));
        BODIES.put("PUT /assignee", fields("assignee", "\"role-handlaggare\""));
        BODIES.put("POST /contacts/{contactId}/strike", fields("reason", "\"Registrerat på fel ärende\""));
        BODIES.put("PUT /contact-details", fields("phone", "\"070-123 45 67\"", "email", "\"alva@example.se\""));
    }

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            """; // Skatteverket test number; she has no enrolment, so she is in the group with an open case

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    long caseId;
    long measureId;
    long contactId;

    @BeforeEach
    void anOpenCaseWithAMeasure() {
        database.clean();
        clock.reset();
        users.ensure();
        assertThat(WebSession.api(port).upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01",
                "f.csv", FOLKBOKFORING.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        caseId = jdbc.sql("SELECT id FROM casework_case WHERE status = 'OPEN'").query(Long.class).single();
        long version = jdbc.sql("SELECT version FROM casework_case WHERE id = ?").param(caseId).query(Long.class).single();
        // A measure to patch, made through the API itself (the catalogue is seeded on first use).
        HttpResponse<String> detail = send("GET", "/api/v1/cases/" + caseId, null);
        assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
        long type = jdbc.sql("SELECT min(id) FROM casework_measure_type WHERE municipality = '2380'")
                .query(Long.class).optional().orElseGet(() -> jdbc.sql("""
                        INSERT INTO casework_measure_type (municipality, code, name, reporting_category)
                        VALUES ('2380', 'SYV', 'Studie- och yrkesvägledning', 'VAGLEDNING') RETURNING id""")
                        .query(Long.class).single());
        HttpResponse<String> created = send("POST", "/api/v1/cases/" + caseId + "/measures", """
                {"version": %d, "measureTypeId": "%d", "responsible": "MUNICIPALITY", "status": "OFFERED",
                 "offeredOn": "2026-11-20"}""".formatted(version, type));
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        measureId = jdbc.sql("SELECT id FROM casework_measure WHERE case_id = ?").param(caseId).query(Long.class).single();
        // an attempt to strike out, and a draft letter of a batch to mark sent
        contactId = jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, recorded_by, recorded_at)
                VALUES (?, now(), 'PHONE', 'NO_ANSWER', 'test', now()) RETURNING id""").param(caseId).query(Long.class).single();
        long batch = jdbc.sql("""
                INSERT INTO casework_letter_batch (kind, letters, generated_by, generated_at)
                VALUES ('INFORMATION', 1, 'test', now()) RETURNING id""").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO casework_letter (case_id, kind, generated_by, generated_at, batch_id, heading, status)
                VALUES (?, 'INFORMATION', 'test', now(), ?, 'Information', 'DRAFT')""").params(caseId, batch).update();
    }

    @Test
    void everyFieldOfEveryBodyTakesHostileValuesWithoutAServerErrorOrAChange() throws InterruptedException {
        Map<String, Long> before = counts();
        long stale = jdbc.sql("SELECT version FROM casework_case WHERE id = ?").param(caseId).query(Long.class).single() - 1;
        // Every request is independent (each is refused and changes nothing): three at a time.
        List<java.util.concurrent.Callable<Void>> requests = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> endpoint : BODIES.entrySet()) {
            String method = endpoint.getKey().substring(0, endpoint.getKey().indexOf(' '));
            String path = "/api/v1/cases/" + caseId
                    + endpoint.getKey().substring(endpoint.getKey().indexOf(' ') + 1).replace("{measureId}", "" + measureId)
                    .replace("{contactId}", "" + contactId);
            List<String> names = new ArrayList<>(endpoint.getValue().keySet());
            names.add("version");
            for (String field : names) {
                for (String value : HOSTILE) {
                    Map<String, String> body = new LinkedHashMap<>(endpoint.getValue());
                    body.put("version", String.valueOf(stale));
                    body.put(field, value);
                    requests.add(() -> {
                        assertClientError(method + " " + path + " " + field + "=" + shorten(value), send(method, path, json(body)));
                        return null;
                    });
                }
            }
            for (String raw : List.of("", "not json", "[]", "null", "42", "{", "{\"version\": \"x\"}")) {
                requests.add(() -> {
                    assertClientError(method + " " + path + " body " + raw, send(method, path, raw));
                    return null;
                });
            }
        }
        assertThat(requests).hasSizeGreaterThan(500);
        se.kaa.testsupport.Concurrently.run(3, requests);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void hostilePathVariablesAreNotFound() {
        Map<String, Long> before = counts();
        for (String v : List.of("<script>", "' OR '1'='1", "-1", "99999999999999999999", "0", "1.5", "%00", "😀",
                "x".repeat(2_000))) {
            String q = URLEncoder.encode(v, StandardCharsets.UTF_8);
            assertClientError("GET " + q, send("GET", "/api/v1/cases/" + q, null));
            assertClientError("POST notes " + q, send("POST", "/api/v1/cases/" + q + "/notes", "{\"version\": 0, \"text\": \"hej\"}"));
            assertClientError("PATCH measure " + q, send("PATCH", "/api/v1/cases/" + caseId + "/measures/" + q,
                    "{\"version\": 0, \"status\": \"ACCEPTED\"}"));
            assertClientError("GET handover " + q, send("GET", "/api/v1/cases/" + q + "/handover", null));
            assertClientError("POST strike " + q, send("POST", "/api/v1/cases/" + caseId + "/contacts/" + q + "/strike",
                    "{\"version\": 0, \"reason\": \"fel\"}"));
            assertClientError("POST strike case " + q, send("POST", "/api/v1/cases/" + q + "/contacts/" + contactId + "/strike",
                    "{\"version\": 0, \"reason\": \"fel\"}"));
            assertClientError("POST letter sent " + q, send("POST", "/api/v1/cases/" + caseId + "/letters/" + q + "/sent", ""));
            assertClientError("POST letter sent case " + q, send("POST", "/api/v1/cases/" + q + "/letters/1/sent", ""));
            assertClientError("POST batch sent " + q, send("POST", "/api/v1/cases/letter-batches/" + q + "/sent", ""));
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void worklistQueriesWithHostileParametersGetProblemDetailsOrAnOrdinaryAnswer() {
        Map<String, Long> before = counts();
        for (String v : List.of("", " ", "<script>alert(1)</script>", "' OR '1'='1", "\u0000", "x".repeat(5_000),
                "200801172389", "😀", "-1", "99999999999999999999", "2026-02-30", "0180", "2361")) {
            String q = URLEncoder.encode(v, StandardCharsets.UTF_8);
            for (String path : List.of("/api/v1/cases?municipality=" + q, "/api/v1/cases?municipality=2380&assignee=" + q,
                    "/api/v1/cases?municipality=2380&category=" + q, "/api/v1/cases?municipality=2380&reason=" + q,
                    "/api/v1/cases?municipality=2380&age=" + q, "/api/v1/cases?municipality=2380&school=" + q,
                    "/api/v1/cases?municipality=2380&overdue=" + q, "/api/v1/cases?municipality=2380&page=" + q,
                    "/api/v1/cases?municipality=2380&size=" + q)) {
                HttpResponse<String> r = send("GET", path, null);
                assertThat(r.statusCode()).as(path + " → " + shorten(r.body())).isIn(200, 400);
                if (r.statusCode() == 400) {
                    assertClientError(path, r);
                }
                assertThat(r.body()).as(path).doesNotContain("<script>alert(1)");
            }
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void letterRequestsWithHostileValuesAreRefusedAndGenerateNothing() {
        Map<String, Long> before = counts();
        for (String v : HOSTILE) {
            assertClientError("caseIds=" + shorten(v),
                    send("POST", "/api/v1/letters", "{\"caseIds\": " + v + ", \"template\": \"INFORMATION\"}"));
            assertClientError("caseIds=[case, " + shorten(v) + "]", send("POST", "/api/v1/letters",
                    "{\"caseIds\": [" + caseId + ", " + v + "], \"template\": \"INFORMATION\"}"));
            assertClientError("template=" + shorten(v),
                    send("POST", "/api/v1/letters", "{\"caseIds\": [" + caseId + "], \"template\": " + v + "}"));
        }
        for (String raw : List.of("", "not json", "[]", "null", "42", "{", "{\"caseIds\": {}}")) {
            assertClientError("letters body " + raw, send("POST", "/api/v1/letters", raw));
        }
        assertThat(counts()).isEqualTo(before);
    }

    private void assertClientError(String what, HttpResponse<String> r) {
        assertThat(r.statusCode()).as(what + " → " + shorten(r.body())).isBetween(400, 499);
        if (r.statusCode() != 404 || r.headers().firstValue("Content-Type").orElse("").contains("json")) {
            assertThat(r.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(r.body()).as(what).doesNotContain("<script>alert(1)");
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : List.of("casework_case", "casework_contact_attempt", "casework_occupation", "casework_measure",
                "casework_plan", "casework_plan_revision", "casework_note", "casework_contact_details",
                "casework_letter", "casework_outbox", "casework_handover")) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        counts.put("case versions", jdbc.sql("SELECT COALESCE(sum(version), 0) FROM casework_case").query(Long.class).single());
        counts.put("struck attempts", jdbc.sql("SELECT count(*) FROM casework_contact_attempt WHERE struck_at IS NOT NULL")
                .query(Long.class).single());
        counts.put("letters sent", jdbc.sql("SELECT count(*) FROM casework_letter WHERE status = 'SENT'").query(Long.class).single());
        return counts;
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return WebSession.api(port, TestUsers.basic(Role.HANDLAGGARE)).request(method, path, body);
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String json(Map<String, String> body) {
        StringBuilder s = new StringBuilder("{");
        body.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return s.append('}').toString();
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
