package se.kaa.casework;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.intake.IntakeHttp;
import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;

/**
 * The case page in a real browser (Debian's Chromium), as the case worker: log a contact, record an
 * occupation, add a measure, write a note that looks sensitive and confirm it – accessible at desktop
 * and tablet width.
 */
@KaaIntegrationTest
class CaseJourneyTest {

    static final Browser browser = se.kaa.testsupport.Browser.shared();

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    long caseId;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
        IntakeHttp http = new IntakeHttp(port);
        http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "f.csv",
                CaseRecordsTest.FOLKBOKFORING_2380.getBytes(StandardCharsets.UTF_8));
        http.upload("/api/v1/imports/inskrivningar?municipality=2380", "i.csv",
                CaseRecordsTest.INSKRIVNINGAR_2380.getBytes(StandardCharsets.UTF_8));
        caseId = jdbc.sql("SELECT c.id FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.given_name = 'Alva'")
                .query(Long.class).single();
    }

    @Test
    void recordOnTheCasePage() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            String base = "http://localhost:" + port;
            page.navigate(base + "/arenden/" + caseId);
            page.getByLabel("Användarnamn").fill(TestUsers.username(Role.HANDLAGGARE));
            page.getByLabel("Lösenord").fill(TestUsers.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();
            page.navigate(base + "/arenden/" + caseId);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Ärende: Alva Ek");
            assertThat(page.locator("#contact-state")).hasText("Inte försökt");
            se.kaa.testsupport.Browser.assertAccessible(page);

            page.locator("#action-kontakt").click();
            page.locator("#contact-channel").selectOption("PHONE");
            page.locator("#contact-outcome").selectOption("REACHED");
            page.locator("#contact-note").fill("Pratade om komvux");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Spara kontaktförsöket")).click();
            assertThat(page.locator("#saved")).hasText("Kontaktförsöket är sparat.");
            assertThat(page.locator("#contact-state")).hasText("Nådd");
            assertThat(page.locator("#contacts")).containsText("Pratade om komvux");

            page.locator("#action-sysselsattning").click();
            page.locator("#occupation-type").selectOption("STUDIES_KOMVUX");
            page.locator("#occupation-source").selectOption("YOUNG_PERSON");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Spara sysselsättningen")).click();
            assertThat(page.locator("#occupations")).containsText("Studier på komvux");

            page.locator("#action-insats").click();
            page.locator("#measure-measureTypeId").selectOption(new com.microsoft.playwright.options.SelectOption()
                    .setLabel("Komvux"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Spara insatsen")).click();
            assertThat(page.locator("#measures")).containsText("Komvux");
            assertThat(page.locator("#clock-firstMeasure")).containsText("Klar 2026-11-22");

            page.locator("#action-anteckning").click();
            page.locator("#note-text").fill("Hon har en diagnos");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Spara anteckningen")).click();
            assertThat(page.locator("#problem")).containsText("känsliga personuppgifter");
            assertThat(page.locator("#note-text")).hasValue("Hon har en diagnos");
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.locator("#note-confirmSensitive").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Spara anteckningen")).click();
            assertThat(page.locator("#timeline")).containsText("Hon har en diagnos");

            page.setViewportSize(768, 1024);
            page.locator("#action-insats").click();
            se.kaa.testsupport.Browser.assertAccessible(page);
        }
    }
}
