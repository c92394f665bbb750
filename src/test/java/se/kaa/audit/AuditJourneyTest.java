package se.kaa.audit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/** A granskare in a real browser: searches the log by a personnummer that never reaches a URL, and checks the chain. */
@KaaIntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(se.kaa.testsupport.AlsoGranskare.class)
class AuditJourneyTest {

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            """;

    static final Browser browser = se.kaa.testsupport.Browser.shared();

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void emptyRegister() {
        database.clean();
        clock.reset();
    }

    @Test
    void searchByPersonnummerShowsWhoReadHerAndTheChainIsIntact() {
        WebSession.api(port).upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "fb.csv",
                FOLKBOKFORING.getBytes(StandardCharsets.UTF_8));
        UUID alva = jdbc.sql("SELECT id FROM person WHERE pnr = '200801172388'").query(UUID.class).single();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            String base = "http://localhost:" + port;
            page.navigate(base + "/granskning");
            page.getByLabel("Användarnamn").fill(KaaIntegrationTest.USER);
            page.getByLabel("Lösenord").fill(KaaIntegrationTest.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();
            page.navigate(base + "/personer/" + alva);

            page.navigate(base + "/granskning");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .hasText("Granskning av loggen");
            page.getByLabel("Personnummer").fill("20080117-2388");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sök").setExact(true)).click();

            assertThat(page).hasURL(base + "/granskning");
            // sentences: who by name, what in words, for whom – the person searched for by name
            assertThat(page.locator("#audit-entries")).containsText(KaaIntegrationTest.USER + " läste personsidan för Alva Ek.");
            assertThat(page.locator("#audit-entries")).containsText("importerade en fil – personerna i importfil");
            assertThat(page.locator("#audit-entries")).containsText("2380 Östersund");
            assertThat(page.locator("#audit-entries")).not().containsText("PERSON_VIEWED");
            assertThat(page.locator("#personnummer")).hasValue("");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Kontrollera loggens kedja")).click();
            assertThat(page.locator("#verify-result")).containsText("Kedjorna är obrutna");
        }
    }
}
