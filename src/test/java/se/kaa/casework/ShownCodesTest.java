package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

/** What a person reads on the pages is Swedish: no enum constant or data code in the visible text. */
@KaaIntegrationTest
class ShownCodesTest {

    /** A constant with an underscore (MOTIVERANDE_SAMTAL, CASE_VIEWED, LEFT_SCHOOL) or a code of the data. */
    static final Pattern CODE = Pattern.compile("\\b(?:[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+|NORMAL|AVBROTT|STUDIEBEVIS|"
            + "GY|GYS|GR|GRS|IMV|IMA|IMS|IMY|IMI|SYV|OPEN|CLOSED|PHONE|LETTER|REACHED|OFFERED|ACCEPTED|DECLINED|MANUAL|RULE)\\b");

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    long alva;

    @BeforeEach
    void aWorkedCase() {
        database.clean();
        clock.reset();
        users.ensure();
        WebSession http = WebSession.api(port);
        http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "f.csv",
                CaseRecordsTest.FOLKBOKFORING_2380.getBytes(StandardCharsets.UTF_8));
        http.upload("/api/v1/imports/inskrivningar?municipality=2380", "i.csv",
                CaseRecordsTest.INSKRIVNINGAR_2380.getBytes(StandardCharsets.UTF_8));
        alva = jdbc.sql("SELECT c.id FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.pnr = '200801172388'")
                .query(Long.class).single();
        WorklistFixtures f = new WorklistFixtures(jdbc);
        f.attempt(alva, "2026-11-10", "REACHED", null);
        f.occupation(alva, "LABOUR_MARKET_PROGRAMME", "2026-11-10");
        f.measure(alva, "ACCEPTED", "2026-11-11", null, "2026-12-01");
        f.assign(alva, TestUsers.username(Role.HANDLAGGARE));
    }

    @Test
    void thePagesOfTheDayShowNoCodes() {
        String person = jdbc.sql("SELECT person_id::text FROM casework_case WHERE id = ?").param(alva).query(String.class).single();
        long batch = jdbc.sql("SELECT min(id) FROM import_batch").query(Long.class).single();
        WebSession worker = login(Role.HANDLAGGARE);
        WebSession admin = login(Role.ADMINISTRATOR);
        Map<String, WebSession> pages = new LinkedHashMap<>();
        pages.put("/arenden", worker);
        pages.put("/arenden/" + alva, worker);
        for (String action : java.util.List.of("kontakt", "sysselsattning", "insats", "anteckning")) {
            pages.put("/arenden/" + alva + "?gora=" + action, worker); // the forms of the action bar
        }
        pages.put("/personer/" + person, worker);
        pages.put("/malgrupp?municipality=2380", worker);
        pages.put("/konto", worker);
        pages.put("/importer", admin);
        pages.put("/importer/" + batch, admin);
        pages.put("/anmalningar/ny", admin);
        pages.put("/anmalningar/ny?typ=ABSENCE", admin);
        pages.put("/anmalningar/ny?typ=START", admin);
        pages.put("/admin/arenden/installningar?municipality=2380", admin);
        pages.put("/admin/arenden/atgarder?municipality=2380", admin);
        Map<String, Set<String>> shown = new LinkedHashMap<>();
        pages.forEach((path, session) -> {
            var r = session.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            Set<String> codes = new TreeSet<>();
            String text = visibleText(r.body()).replaceAll("\\s+", " ");
            Matcher m = CODE.matcher(text);
            while (m.find()) {
                codes.add(m.group() + " in «" + text.substring(Math.max(0, m.start() - 40), Math.min(text.length(), m.end() + 20)) + "»");
            }
            if (!codes.isEmpty()) {
                shown.put(path, codes);
            }
        });
        assertThat(shown).as("codes shown as text").isEmpty();
    }

    /** The text of the page as read: no scripts, styles or tags; entities of the templates decoded. */
    static String visibleText(String html) {
        return html.replaceAll("(?is)<(script|style)\\b.*?</\\1>", " ")
                .replaceAll("(?s)<!--.*?-->", " ")
                .replaceAll("(?s)<[^>]*>", " ")
                .replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'");
    }

    private WebSession login(Role role) {
        WebSession s = new WebSession(port);
        assertThat(s.login(TestUsers.username(role), TestUsers.PASSWORD).statusCode()).isEqualTo(302);
        return s;
    }
}
