package se.kaa.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Hostile input to every field of every casework form – the case page's forms, the worklist's bulk
 * form, the message form and the administrator's casework settings – read from the pages themselves:
 * never a server error, never a refusal for a missing CSRF token or role (the form really is
 * handled), no raw HTML echoed, and nothing stored. A case form carries a stale version, so a value
 * that passes validation is still refused (409) rather than stored.
 */
@KaaIntegrationTest
class HostileCaseworkFormTest {

    static final List<String> HOSTILE = List.of("<script>alert(1)</script>", "' OR '1'='1", "\u0007\u001b[2J",
            "x".repeat(5_000), "19999999-999X", "-1", "2026-02-30", "😀", "99999999999999999999");

    static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);
    static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"");
    static final Pattern FIELD = Pattern.compile("<(?:input|select|textarea)[^>]*\\bname=\"([^\"]+)\"");

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            """; // Skatteverket test number; no enrolment, so she is in the group with an open case

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    long caseId;

    @BeforeEach
    void anOpenCaseWithContactDetailsAndAMeasure() {
        database.clean();
        clock.reset();
        users.ensure();
        assertThat(WebSession.api(port).upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01",
                "f.csv", FOLKBOKFORING.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        caseId = jdbc.sql("SELECT id FROM casework_case WHERE status = 'OPEN'").query(Long.class).single();
    }

    @Test
    void everyFieldOfEveryCaseworkFormTakesHostileValuesWithoutAServerErrorOrAChange() throws InterruptedException {
        WebSession worker = session(TestUsers.username(Role.HANDLAGGARE));
        WebSession admin = session(TestUsers.username(Role.ADMINISTRATOR));
        // Something in every list the forms act on: contact details (message form), a measure (its
        // change form), a queued message (the outbox's "sent" form).
        String casePage = worker.get("/arenden/" + caseId).body();
        assertThat(worker.post("/arenden/" + caseId + "/kontaktuppgifter", Map.of("version", version(),
                "phone", "070-123 45 67", "email", "alva@example.se")).statusCode()).isEqualTo(302);
        String type = jdbc.sql("SELECT min(id)::text FROM casework_measure_type WHERE municipality = '2380'")
                .query(String.class).single();
        assertThat(worker.post("/arenden/" + caseId + "/atgarder", Map.of("version", version(), "measureTypeId", type,
                "responsible", "MUNICIPALITY", "status", "OFFERED", "offeredOn", "2026-11-20")).statusCode()).isEqualTo(302);
        assertThat(worker.post("/arenden/" + caseId + "/meddelanden", Map.of("channel", "SMS", "body", "Hej Alva"))
                .statusCode()).isLessThan(400);
        // an attempt (its strike-out form)
        long contact = jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, recorded_by, recorded_at)
                VALUES (?, now(), 'PHONE', 'NO_ANSWER', 'test', now()) RETURNING id""").param(caseId).query(Long.class).single();

        Map<String, WebSession> pages = new LinkedHashMap<>();
        pages.put("/arenden/" + caseId, worker);
        // the forms the case page's action bar opens
        for (String action : List.of("kontakt", "sysselsattning", "insats", "anteckning")) {
            pages.put("/arenden/" + caseId + "?gora=" + action, worker);
        }
        pages.put("/arenden", worker);
        pages.put("/arenden/" + caseId + "/meddelanden/ny", worker);
        pages.put("/arenden/utskick", worker);
        pages.put("/arenden/brev/omgangar", worker);
        pages.put("/admin/arenden/installningar?municipality=2380", admin);
        pages.put("/admin/arenden/fordelning?municipality=2380", admin);
        pages.put("/admin/arenden/atgarder?municipality=2380", admin);
        pages.put("/admin/arenden/brevmallar/2380/INFORMATION", admin);
        Map<String, List<String>> forms = new LinkedHashMap<>();
        Map<String, WebSession> sessionOf = new LinkedHashMap<>();
        pages.forEach((page, session) -> {
            HttpResponse<String> r = session.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            forms(r.body()).forEach((action, fields) -> {
                forms.putIfAbsent(action, fields);
                sessionOf.putIfAbsent(action, session);
            });
        });
        assertThat(forms.keySet()).as("the forms found").contains("/arenden/" + caseId + "/kontakter",
                "/arenden/" + caseId + "/sysselsattning", "/arenden/" + caseId + "/atgarder",
                "/arenden/" + caseId + "/plan", "/arenden/" + caseId + "/anteckningar",
                "/arenden/" + caseId + "/kontaktuppgifter", "/arenden/" + caseId + "/tilldelning",
                "/arenden/" + caseId + "/brev", "/arenden/" + caseId + "/meddelanden", "/arenden/tilldelning",
                "/arenden/" + caseId + "/kontakter/" + contact + "/stryk",
                "/admin/arenden/installningar", "/admin/arenden/atgarder");

        Map<String, Long> before = counts();
        String stale = String.valueOf(Long.parseLong(version()) - 1);
        // Every post is independent (each is refused and changes nothing): three at a time, as three
        // browser tabs would send them.
        List<java.util.concurrent.Callable<Void>> posts = new ArrayList<>();
        for (Map.Entry<String, List<String>> form : forms.entrySet()) {
            List<String> fields = form.getValue();
            for (String field : fields) {
                for (String value : HOSTILE) {
                    Map<String, String> values = new LinkedHashMap<>();
                    for (String f : fields) {
                        values.put(f, f.equals("version") ? stale : "");
                    }
                    values.put(field, value);
                    posts.add(() -> {
                        HttpResponse<String> r = sessionOf.get(form.getKey()).post(form.getKey(), values);
                        String what = form.getKey() + " " + field + "=" + shorten(value);
                        assertThat(r.statusCode()).as(what + " → " + shorten(r.body())).isLessThan(500).isNotEqualTo(403);
                        assertThat(r.body()).as(what).doesNotContain("<script>alert(1)");
                        return null;
                    });
                }
            }
        }
        assertThat(posts).hasSizeGreaterThan(300);
        se.kaa.testsupport.Concurrently.run(3, posts);
        assertThat(counts()).isEqualTo(before);
        assertThat(casePage).doesNotContain("<script>alert(1)");
    }

    /** action → field names (CSRF token left out) of every POST form on a page. */
    static Map<String, List<String>> forms(String html) {
        Map<String, List<String>> forms = new LinkedHashMap<>();
        Matcher m = FORM.matcher(html);
        while (m.find()) {
            String attributes = m.group(1);
            Matcher action = ACTION.matcher(attributes);
            if (!attributes.contains("method=\"post\"") || !action.find() || action.group(1).equals("/logout")) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            Matcher f = FIELD.matcher(m.group(2));
            while (f.find()) {
                if (!f.group(1).equals("_csrf") && !fields.contains(f.group(1))) {
                    fields.add(f.group(1));
                }
            }
            forms.putIfAbsent(action.group(1).replace("&amp;", "&"), fields);
        }
        return forms;
    }

    private String version() {
        return jdbc.sql("SELECT version::text FROM casework_case WHERE id = ?").param(caseId).query(String.class).single();
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : List.of("casework_case_event", "casework_contact_attempt", "casework_occupation",
                "casework_measure", "casework_plan", "casework_plan_revision", "casework_note", "casework_contact_details",
                "casework_settings", "casework_occupation_expiry", "casework_assignment_rule", "casework_measure_type",
                "casework_letter_template", "casework_letter", "casework_outbox")) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        counts.put("versions", jdbc.sql("SELECT sum(version) FROM casework_case").query(Long.class).single());
        counts.put("assigned", jdbc.sql("SELECT count(assignee) FROM casework_case").query(Long.class).single());
        counts.put("sent", jdbc.sql("SELECT count(*) FROM casework_outbox WHERE status <> 'MANUAL'").query(Long.class).single());
        counts.put("struck", jdbc.sql("SELECT count(*) FROM casework_contact_attempt WHERE struck_at IS NOT NULL")
                .query(Long.class).single());
        counts.put("letters sent", jdbc.sql("SELECT count(*) FROM casework_letter WHERE status = 'SENT'").query(Long.class).single());
        return counts;
    }

    private WebSession session(String username) {
        WebSession web = new WebSession(port);
        assertThat(web.login(username, TestUsers.PASSWORD).statusCode()).isEqualTo(302);
        return web;
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
