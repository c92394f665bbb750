package se.kaa.casework;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
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
 * The worklist page and the administrator's casework pages in Chromium: accessible (axe-core, WCAG
 * 2.1 AA) at 1280 px and at tablet width (768 px), filtering by category, and the settings form's
 * Swedish validation with the input kept.
 */
@KaaIntegrationTest
class WorklistPageTest {

    static final Browser browser = se.kaa.testsupport.Browser.shared();

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
    }

    @Test
    void accessibleAt1280AndTabletWidth() {
        WorklistFixtures f = new WorklistFixtures(jdbc);
        long overdue = f.kase("200801012386", "Alva", "2380", "2026-10-01", "AVBROTT");
        f.kase("200801022385", "Bo", "2380", "2026-11-20", "STUDIEBEVIS");
        f.enrolment(overdue, "12345678", "2024-08-19");
        for (int width : new int[] {1280, 768}) {
            try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 900))) {
                Page page = context.newPage();
                String base = "http://localhost:" + port;
                page.navigate(base + "/arenden");
                page.getByLabel("Användarnamn").fill(TestUsers.username(Role.HANDLAGGARE));
                page.getByLabel("Lösenord").fill(TestUsers.PASSWORD);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();
                page.navigate(base + "/arenden");
                assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Ärenden");
                assertThat(page.getByRole(AriaRole.NAVIGATION).first()).containsText("Ärenden");
                assertThat(page.locator("#worklist tbody tr")).hasCount(2);
                assertThat(page.locator("#case-" + overdue)).containsText("Försenad 45 dagar");
                se.kaa.testsupport.Browser.assertAccessible(page);

                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("1 Nya")).click();
                assertThat(page.locator("#worklist tbody tr")).hasCount(1);
                assertThat(page.locator("#worklist")).containsText("Bo");
                assertThat(page.getByLabel("Kategori")).hasValue("NEW"); // the filter form shows the chosen category
                page.getByLabel("Kategori").selectOption("");
                page.getByLabel("Endast försenade").check();
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filtrera")).click();
                assertThat(page.locator("#worklist tbody tr")).hasCount(1);
                assertThat(page.locator("#worklist")).containsText("Alva");
                se.kaa.testsupport.Browser.assertAccessible(page);
            }
        }
    }

    @Test
    void settingsAndRulesPagesForTheAdministrator() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            String base = "http://localhost:" + port;
            page.navigate(base + "/admin/arenden/installningar");
            page.getByLabel("Användarnamn").fill(KaaIntegrationTest.USER);
            page.getByLabel("Lösenord").fill(KaaIntegrationTest.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();
            page.navigate(base + "/admin/arenden/installningar?municipality=2380");
            assertThat(page.getByLabel("Första kontaktförsök inom")).hasValue("7");
            assertThat(page.getByLabel("Arbete")).hasValue("90");
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.navigate(base + "/admin/arenden/fordelning?municipality=2380");
            se.kaa.testsupport.Browser.assertAccessible(page);
            // the other pages an administrator keeps: gallring with its dry run, her own account
            page.navigate(base + "/admin/gallring");
            assertThat(page.locator("h2").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Provkörning")))
                    .isVisible();
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.navigate(base + "/konto");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Byt lösenord")).click();
            assertThat(page.locator("#password-problems")).isVisible();
            se.kaa.testsupport.Browser.assertAccessible(page);
        }
        WebSession admin = new WebSession(port);
        admin.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("municipality", "2380");
        form.put("firstAttemptDays", "5");
        form.put("firstContactDays", "noll");
        form.put("firstMeasureDays", "21");
        se.kaa.casework.internal.CaseworkSettings.OCCUPATION_TYPES.forEach(t -> form.put("expiry." + t, "60"));
        HttpResponse<String> invalid = admin.post("/admin/arenden/installningar", form);
        org.assertj.core.api.Assertions.assertThat(invalid.statusCode()).isEqualTo(400);
        org.assertj.core.api.Assertions.assertThat(invalid.body()).contains("Ange ett heltal mellan 1 och 730.")
                .contains("value=\"noll\"").contains("value=\"5\"");
        form.put("firstContactDays", "10");
        org.assertj.core.api.Assertions.assertThat(admin.post("/admin/arenden/installningar", form).statusCode()).isEqualTo(302);
        org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                "SELECT first_attempt_days || '/' || first_contact_days || '/' || first_measure_days FROM casework_settings WHERE municipality = '2380'")
                .query(String.class).single()).isEqualTo("5/10/21");
        org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                "SELECT days FROM casework_occupation_expiry WHERE municipality = '2380' AND type = 'WORK'")
                .query(Integer.class).single()).isEqualTo(60);
        // the enhetschef owns her unit's rules: deadlines, expiry, assignment rules and the measure
        // catalogue of her municipality – not another's, and not the letter templates
        WebSession manager = new WebSession(port);
        manager.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
        HttpResponse<String> managersPage = manager.get("/admin/arenden/installningar");
        org.assertj.core.api.Assertions.assertThat(managersPage.statusCode()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(managersPage.body()).contains("Ärendeinställningar", "Fördelningsregler")
                .doesNotContain("/admin/arenden/brevmallar");
        form.put("firstAttemptDays", "6");
        org.assertj.core.api.Assertions.assertThat(manager.post("/admin/arenden/installningar", form).statusCode()).isEqualTo(302);
        org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                "SELECT first_attempt_days FROM casework_settings WHERE municipality = '2380'").query(Integer.class).single())
                .isEqualTo(6);
        org.assertj.core.api.Assertions.assertThat(manager.get("/admin/arenden/fordelning?municipality=2380").statusCode()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(manager.get("/admin/arenden/atgarder?municipality=2380").statusCode()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(manager.post("/admin/arenden/atgarder",
                Map.of("municipality", "2380", "name", "Sommarjobb", "category", "PRAKTIK")).statusCode()).isEqualTo(302);
        org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                "SELECT count(*) FROM casework_measure_type WHERE municipality = '2380' AND name = 'Sommarjobb'")
                .query(Integer.class).single()).isEqualTo(1);
        Map<String, String> other = new java.util.LinkedHashMap<>(form);
        other.put("municipality", "2361");
        org.assertj.core.api.Assertions.assertThat(manager.post("/admin/arenden/installningar", other).statusCode())
                .as("a municipality she is not granted").isIn(403, 404);
        org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                "SELECT count(*) FROM casework_settings WHERE municipality = '2361'").query(Integer.class).single()).isZero();
        org.assertj.core.api.Assertions.assertThat(manager.get("/admin/arenden/brevmallar").statusCode()).isEqualTo(403);

        // a handläggare may not change them
        WebSession worker = new WebSession(port);
        worker.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD);
        org.assertj.core.api.Assertions.assertThat(worker.get("/admin/arenden/installningar").statusCode()).isEqualTo(403);
    }
}
