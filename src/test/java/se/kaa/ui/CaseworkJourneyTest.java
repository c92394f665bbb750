package se.kaa.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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
 * The case worker's day in a real browser (Debian's Chromium): from the worklist to a new case, whose
 * summary says the next step in the words of her worklist line; log a contact, record an occupation and
 * offer a measure from the action bar, write a note that looks sensitive and confirm it, generate a
 * letter – and the worklist line changes; when her case has closed, the search in the header finds it.
 * Accessible at desktop and tablet width (the journey CaseJourneyTest walked is part of this one now).
 * Every page is checked with axe-core on the way.
 */
@KaaIntegrationTest
class CaseworkJourneyTest {

    static final Browser browser = se.kaa.testsupport.Browser.shared();

    // Skatteverket test numbers: both left upper secondary school on 2026-11-01.
    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802012385;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
            """;
    static final String INSKRIVNINGAR = """
            personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
            200801172388;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-11-01;AVBROTT
            200802012385;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-11-01;AVBROTT
            """;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    long alva;
    long bertil;
    static final java.util.regex.Pattern NO_ATTEMPT = java.util.regex.Pattern.compile("Inget kontaktförsök – \\d+ dag(ar)?, mål 7");

    @BeforeEach
    void twoNewCases() {
        database.clean();
        clock.reset();
        users.ensure();
        WebSession http = WebSession.api(port);
        http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "f.csv",
                FOLKBOKFORING.getBytes(StandardCharsets.UTF_8));
        http.upload("/api/v1/imports/inskrivningar?municipality=2380", "i.csv",
                INSKRIVNINGAR.getBytes(StandardCharsets.UTF_8));
        alva = jdbc.sql("SELECT c.id FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.given_name = 'Alva'")
                .query(Long.class).single();
        bertil = jdbc.sql("SELECT c.id FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.given_name = 'Bertil'")
                .query(Long.class).single();
    }

    @Test
    void fromTheWorklistToTheYoungPersonAndBack() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900).setAcceptDownloads(true))) {
            Page page = context.newPage();
            String base = "http://localhost:" + port;
            page.navigate(base + "/login");
            page.getByLabel("Användarnamn").fill(TestUsers.username(Role.HANDLAGGARE));
            page.getByLabel("Lösenord").fill(TestUsers.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();

            // The worklist, reached from the navigation: both are new and not contacted.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ärenden").setExact(true)).first().click();
            assertThat(page.locator("#count-NOT_CONTACTED")).hasText("2");
            assertThat(page.locator("#next-" + alva)).hasText(NO_ATTEMPT);
            String line = page.locator("#next-" + alva).textContent().strip();
            se.kaa.testsupport.Browser.assertAccessible(page);

            // To her case.
            page.locator("#case-" + alva).getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("Alva Ek")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("Alva Ek");
            assertThat(page.locator("#contact-state")).hasText("Inte försökt");
            // the summary's next step is her worklist line, word for word
            assertThat(page.locator("#next-step")).hasText(line);
            assertThat(page.locator("#address")).hasText("Storgatan 1, 83130 Östersund");
            assertThat(page.locator("#school")).hasText("12345678");
            se.kaa.testsupport.Browser.assertAccessible(page);

            // Log a contact from the action bar: the form opens under it; she answered.
            assertThat(page.locator("#contact-form")).hasCount(0);
            page.locator("#action-bar").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("Registrera kontaktförsök")).click();
            assertThat(page.locator("#gora-heading")).hasText("Registrera kontaktförsök");
            assertThat(page.locator("#contact-form")).isVisible();
            page.locator("#contact-channel").selectOption("PHONE");
            page.locator("#contact-outcome").selectOption("REACHED");
            page.locator("#contact-note").fill("Pratade om komvux");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Spara kontaktförsöket")).click();
            assertThat(page.locator("#saved")).hasText("Kontaktförsöket är sparat.");
            assertThat(page.locator("#contact-state")).hasText("Nådd");
            assertThat(page.locator("#contacts")).containsText("Pratade om komvux");
            // saved: the form is closed, and the newest entry of the timeline is what she logged
            assertThat(page.locator("#contact-form")).hasCount(0);
            assertThat(page.locator("#timeline > li").first()).containsText("Kontaktförsök: Telefon – Nådd");
            assertThat(page.locator("#timeline > li").first()).containsText("Pratade om komvux");

            // Record an occupation.
            page.locator("#action-sysselsattning").click();
            page.locator("#occupation-type").selectOption("WORK");
            page.locator("#occupation-source").selectOption("YOUNG_PERSON");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Spara sysselsättningen")).click();
            assertThat(page.locator("#occupations")).containsText("Arbete");

            // Offer a measure.
            page.locator("#action-insats").click();
            page.locator("#measure-measureTypeId").selectOption(new com.microsoft.playwright.options.SelectOption()
                    .setLabel("Komvux"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Spara insatsen")).click();
            assertThat(page.locator("#saved")).hasText("Insatsen är sparad.");
            assertThat(page.locator("#measures")).containsText("Komvux");
            assertThat(page.locator("#clock-firstMeasure")).containsText("Klar 2026-11-22");

            // A note that looks sensitive is refused until she confirms it, her text kept.
            page.locator("#action-anteckning").click();
            page.locator("#note-text").fill("Hon har en diagnos");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Spara anteckningen")).click();
            assertThat(page.locator("#problem")).containsText("känsliga personuppgifter");
            assertThat(page.locator("#note-text")).hasValue("Hon har en diagnos");
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.locator("#note-confirmSensitive").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Spara anteckningen")).click();
            assertThat(page.locator("#timeline")).containsText("Hon har en diagnos");

            // the action bar stays at hand at the bottom of the page
            page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)");
            org.assertj.core.api.Assertions.assertThat(((Number) page.evaluate(
                    "() => document.getElementById('action-bar').getBoundingClientRect().top")).doubleValue())
                    .as("the action bar's top when scrolled to the end").isBetween(-1.0, 1.0);
            // at tablet width the case page has no sideways scroll
            page.setViewportSize(768, 1024);
            page.locator("#action-insats").click(); // with a form open
            org.assertj.core.api.Assertions.assertThat((Boolean) page.evaluate(
                    "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"))
                    .as("sideways scroll on the case page at 768 px").isFalse();
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.setViewportSize(1280, 900);

            // Generate a letter: a PDF to her address, a draft until it is marked as sent.
            page.locator("#letter-template").selectOption("INFORMATION");
            Download download = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Skapa brev (PDF)")).click());
            try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(download.path()))) {
                String text = new PDFTextStripper().getText(pdf);
                org.assertj.core.api.Assertions.assertThat(text).contains("Alva Ek", "Storgatan 1");
            }
            page.navigate(base + "/arenden/" + alva);
            assertThat(page.locator("#contacts")).not().containsText("Brev");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Markera som skickat").setExact(false))
                    .first().click();
            assertThat(page.locator("#letter-sent")).isVisible();
            assertThat(page.locator("#contacts")).containsText("Brev");

            // Back to the worklist: she is contacted now, Bertil is not.
            page.navigate(base + "/arenden");
            assertThat(page.locator("#count-NOT_CONTACTED")).hasText("1");
            assertThat(page.locator("#next-" + alva)).hasText("Inget att göra just nu");
            assertThat(page.locator("#next-" + bertil)).hasText(NO_ATTEMPT);
            assertThat(page.locator("#next-" + alva)).not().hasText(line);
            page.setViewportSize(768, 1024);
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.setViewportSize(1280, 900);

            // Weeks later her case has closed: the search in the header finds it by her personnummer,
            // posted – the number is in no URL.
            jdbc.sql("UPDATE casework_case SET status = 'CLOSED', closed_on = DATE '2026-11-20', exit_reason = 'UTFLYTTAD' WHERE id = ?")
                    .param(alva).update();
            page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Sök person eller ärende"))
                    .fill("20080117-2388");
            page.keyboard().press("Enter");
            page.waitForURL("**/sok");
            org.assertj.core.api.Assertions.assertThat(page.url()).doesNotContain("2388");
            assertThat(page.locator("#results")).containsText("Alva Ek");
            assertThat(page.locator("#results")).containsText("avslutat 2026-11-20");
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.locator("#results").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("Ärende " + alva)).click();
            assertThat(page.locator("#case-closed")).containsText("Ärendet avslutades 2026-11-20: Utflyttad.");
            assertThat(page.locator("#action-insats")).hasCount(0);
        }
    }
}
