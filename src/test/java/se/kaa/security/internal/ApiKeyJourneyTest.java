package se.kaa.security.internal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;


import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;

/** An administrator creates and revokes an API key in a real browser; the pages pass axe-core. */
@KaaIntegrationTest
class ApiKeyJourneyTest {

    static final Browser browser = se.kaa.testsupport.Browser.shared();

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;

    @BeforeEach
    void empty() {
        database.clean();
        clock.reset();
    }

    @Test
    void createSeeOnceAndRevoke() {
        String base = "http://localhost:" + port;
        try (var context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "/login");
            page.getByLabel("Användarnamn").fill(KaaIntegrationTest.USER);
            page.getByLabel("Lösenord").fill(KaaIntegrationTest.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API-nycklar")).click();
            assertThat(page).hasURL(base + "/admin/api-nycklar");
            se.kaa.testsupport.Browser.assertAccessible(page);

            page.getByLabel("Namn (vilket system nyckeln är till)").fill("Elevregistret");
            page.getByLabel("2380 Östersund").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skapa nyckel")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Ny API-nyckel skapad"))).isVisible();
            String key = page.locator("#api-key").inputValue();
            org.assertj.core.api.Assertions.assertThat(key).matches("kaa_[A-Za-z0-9_-]{43}");
            se.kaa.testsupport.Browser.assertAccessible(page);

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tillbaka till API-nycklar")).click();
            assertThat(page.locator("table")).containsText("Elevregistret");
            org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain(key);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Återkalla")).click();
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("Nyckeln är återkallad");
            assertThat(page.locator("table")).containsText("Återkallad");

            page.navigate(base + "/konto");
            assertThat(page.locator("#account-username")).hasText(KaaIntegrationTest.USER);
            se.kaa.testsupport.Browser.assertAccessible(page);
        }
    }
}
