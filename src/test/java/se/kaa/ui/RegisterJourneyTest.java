package se.kaa.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;

/**
 * The main journey in a real browser (Debian's Chromium): log in, upload files, find a member in the
 * group, open her page and read why she is in the group.
 */
@KaaIntegrationTest
class RegisterJourneyTest {

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802012385;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
            """;

    static final String INSKRIVNINGAR = """
            personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
            200801172388;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-03-13;AVBROTT
            200802012385;12345678;Östersunds kommun;GY;NA;2024-08-19;;
            """;

    static final Browser browser = se.kaa.testsupport.Browser.shared();

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;

    @BeforeEach
    void emptyRegister() {
        database.clean();
        clock.reset();
    }

    @Test
    void logInUploadOpenAMemberAndReadHerExplanation() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            String base = "http://localhost:" + port;

            page.navigate(base + "/malgrupp");
            assertThat(page).hasURL(base + "/login");
            page.getByLabel("Användarnamn").fill(KaaIntegrationTest.USER);
            page.getByLabel("Lösenord").fill(KaaIntegrationTest.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("Målgruppen");

            upload(page, base, "folkbokforing", "2026-09-01", FOLKBOKFORING);
            upload(page, base, "inskrivningar", null, INSKRIVNINGAR);

            page.navigate(base + "/malgrupp?municipality=2380");
            assertThat(page.locator("#total-count")).hasText("1");
            se.kaa.testsupport.Browser.assertAccessible(page);
            assertThat(page.locator("#members")).not().containsText("Bertil");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Alva Ek")).click();

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Alva Ek");
            assertThat(page.locator("#explanation-status")).hasText("Ingår i målgruppen");
            assertThat(page.locator("#episodes")).containsText("2026-03-14");
            assertThat(page.locator("#episodes")).containsText("Avbrott");
            assertThat(page.locator("#conditions")).containsText("Hemkommun");
            assertThat(page.locator("#conditions")).containsText("Inte inskriven i gymnasieskola");
            assertThat(page.locator("#conditions")).containsText("2026-03-14");
            assertThat(page.locator("#conditions")).containsText("importbatch");
            se.kaa.testsupport.Browser.assertAccessible(page);

            // The same page explains any date: the day before she left school she was not in the group.
            page.getByLabel("Förklara ett annat datum").fill("2026-03-13");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Visa förklaring")).click();
            assertThat(page.locator("#explanation-status")).hasText("Ingår inte i målgruppen");
        }
    }

    private static void upload(Page page, String base, String kind, String asOf, String csv) {
        page.navigate(base + "/importer");
        se.kaa.testsupport.Browser.assertAccessible(page);
        page.locator("#kind").selectOption(kind);
        page.locator("#municipality").selectOption("2380");
        if (asOf != null) {
            page.locator("#asOf").fill(asOf);
        }
        page.locator("#file").setInputFiles(new FilePayload(kind + ".csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Importera")).click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/importer/\\d+$"));
        se.kaa.testsupport.Browser.assertAccessible(page);
    }
}
