package se.kaa.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.kaa.testsupport.AlsoGranskare;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/**
 * Every form of the UI, field by field, with hostile values: the answer is never a server error,
 * nothing is stored, and whatever the page shows back is escaped. The fields are read from the form pages themselves, so a
 * field added later is covered too.
 */
@KaaIntegrationTest
@ExtendWith(AlsoGranskare.class)
class HostileFormInputTest {

    static final List<String> HOSTILE = List.of("<script>alert(1)</script>", "' OR '1'='1", "\u0007\u001b[2J",
            "x".repeat(5_000), "19999999-999X", "-1", "2026-02-30", "😀");

    /** Form page → the address its form posts to. */
    static final Map<String, String> FORMS = Map.of(
            "/anmalningar/ny", "/anmalningar/ny",
            "/anmalningar/ny?typ=ABSENCE", "/anmalningar/ny", // the absence fields are on their own form
            "/admin/anvandare/ny", "/admin/anvandare/ny",
            "/admin/api-nycklar", "/admin/api-nycklar",
            "/granskning", "/granskning",
            "/admin/gallring", "/admin/gallring/regel");

    private static final Pattern FIELD = Pattern.compile("<(?:input|select|textarea)[^>]*\\bname=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    WebSession web;

    @BeforeEach
    void signedIn() {
        database.clean();
        clock.reset();
        web = new WebSession(port);
        assertThat(web.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void everyFieldOfEveryFormTakesHostileValuesWithoutAServerError() {
        Map<String, Long> before = counts();
        int posted = 0;
        for (Map.Entry<String, String> form : FORMS.entrySet()) {
            HttpResponse<String> page = web.get(form.getKey());
            assertThat(page.statusCode()).as(form.getKey()).isEqualTo(200);
            List<String> fields = fields(page.body());
            assertThat(fields).as("fields of " + form.getKey()).isNotEmpty();
            for (String field : fields) {
                for (String value : HOSTILE) {
                    Map<String, String> values = new LinkedHashMap<>();
                    for (String f : fields) {
                        values.put(f, "");
                    }
                    values.put(field, value);
                    HttpResponse<String> r = web.post(form.getValue(), values);
                    posted++;
                    assertThat(r.statusCode()).as(form.getValue() + " " + field + "=" + shorten(value))
                            .isLessThan(500)
                            .isNotEqualTo(403); // the form was really handled: CSRF and role accepted
                    assertThat(r.body()).as(form.getValue() + " " + field).doesNotContain("<script>alert(1)");
                }
            }
        }
        assertThat(posted).isGreaterThan(50);
        // With one hostile field and the others empty, no form may store anything.
        assertThat(counts()).isEqualTo(before);
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : List.of("app_user", "user_role", "api_key", "notice", "enrolment", "retention_policy")) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }

    private static List<String> fields(String html) {
        Matcher m = FIELD.matcher(html);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            String name = m.group(1);
            if (!name.equals("_csrf") && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
