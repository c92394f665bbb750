package se.kaa.intake;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.kaa.demo.TestPersonnummer;
import se.kaa.security.Role;
import se.kaa.shared.PersonalIdentityNumber;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * An enhetschef meets a held folkbokföring file in a real browser: the batch page says in Swedish
 * what the file would do, the confirmation needs its checkbox, the confirmed file says what it did,
 * and the withdrawal asks why first. The pages pass axe at 1280 px, the held page and the withdrawal
 * form also at 768 px (the others share their layout); screenshots go to
 * {@code target/screenshots}.
 */
@KaaIntegrationTest
class HeldSnapshotJourneyTest {

    static final Browser browser = se.kaa.testsupport.Browser.shared();

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired TestUsers users;

    @Test
    void aManagerReadsWhatAHeldFileWouldDoConfirmsItAndWithdrawsIt() {
        database.clean();
        clock.reset();
        users.ensure();
        WebSession http = WebSession.api(port);
        List<PersonalIdentityNumber> residents = TestPersonnummer.load().stream()
                .filter(p -> p.birthDate().getYear() >= 2007 && p.birthDate().getYear() <= 2009)
                .filter(p -> Integer.parseInt(p.value().substring(6, 8)) <= 31)
                .limit(BatchTrustTest.RESIDENTS).toList();
        org.assertj.core.api.Assertions.assertThat(upload(http, "2026-09-01", residents).statusCode()).isEqualTo(201);
        var held = upload(http, "2026-11-01", residents.subList(0, 3));
        org.assertj.core.api.Assertions.assertThat(held.statusCode()).isEqualTo(202);
        long batch = WebSession.json(held).get("id").asLong();

        String base = "http://localhost:" + port;
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.navigate(base + "/login");
            page.getByLabel("Användarnamn").fill(TestUsers.username(Role.ENHETSCHEF));
            page.getByLabel("Lösenord").fill(TestUsers.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();

            page.navigate(base + "/importer/" + batch);
            assertThat(page.locator("#hold")).containsText("37 personer räknas som utflyttade, 37 ärenden stängs");
            assertThat(page.locator("dl.facts")).containsText("2380 Östersund");
            assertThat(page.locator("ul.counts")).containsText("godkända, inte inlästa");
            checkBothWidths(page, "held-batch");

            // a click without the checkbox is stopped by the browser: nothing is read in
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Läs in filen ändå")).click();
            assertThat(page.locator("#hold")).isVisible();
            page.getByLabel("Jag har kontrollerat filen").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Läs in filen ändå")).click();

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Vad filen ändrade")))
                    .isVisible();
            assertThat(page.locator("ul.effects")).containsText("37 personer lämnade målgruppen");
            assertThat(page.locator("#hold")).hasCount(0);
            check(page, "confirmed-batch", 1280); // the held page's layout, checked at both widths above

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Återkalla filen …")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Återkalla filen")).click();
            // the reason is required: the form stays, with the reason named
            assertThat(page.getByLabel("Varför återkallas filen?")).isVisible();
            checkBothWidths(page, "withdraw-form");
            page.getByLabel("Varför återkallas filen?").fill("Bara en del av uttaget");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Återkalla filen")).click();

            assertThat(page.locator("dl.facts")).containsText("Bara en del av uttaget");
            assertThat(page.locator("body")).containsText("37 återöppnade");
            check(page, "withdrawn-batch", 1280);
        }
    }

    private static void checkBothWidths(Page page, String name) {
        check(page, name, 1280);
        check(page, name, 768);
        page.setViewportSize(1280, 900);
    }

    private static void check(Page page, String name, int width) {
        page.setViewportSize(width, 900);
        se.kaa.testsupport.Browser.assertAccessible(page);
        org.assertj.core.api.Assertions.assertThat((Boolean) page.evaluate(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                .as("%s scrolls sideways at %d px", name, width).isTrue();
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target/screenshots/" + name + "-" + width + ".png")));
    }

    private static java.net.http.HttpResponse<String> upload(WebSession http, String asOf,
                                                            List<PersonalIdentityNumber> persons) {
        return http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=" + asOf, "folkbokforing.csv",
                BatchTrustTest.snapshot(persons).getBytes(StandardCharsets.UTF_8));
    }
}
