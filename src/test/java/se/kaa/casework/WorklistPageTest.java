package se.kaa.casework;

import java.net.http.HttpResponse;
import java.util.List;
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

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

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
    @Autowired se.kaa.intake.SchoolUnits schoolUnits;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
    }

    /**
     * One line per case: at 1280×900 the first screen shows at least 15 cases below the header, the
     * folded filters and counts; at 768 px nothing scrolls sideways; the line says the next thing to do
     * and the case worker by name; her own cases come first.
     */
    @Test
    void fifteenCasesOnTheFirstScreenAndNoSidewaysScrollAtTabletWidth() {
        WorklistFixtures f = new WorklistFixtures(jdbc);
        List<se.kaa.shared.PersonalIdentityNumber> numbers = se.kaa.demo.TestPersonnummer.load().stream()
                .filter(p -> p.birthDate().getYear() == 2008).limit(24).toList();
        long mine = 0;
        // long school names: the line shows the name, cut, with "Name (code)" as its title
        List<se.kaa.intake.SchoolUnits.Unit> units = new java.util.ArrayList<>();
        for (int u = 0; u < 10; u++) {
            units.add(new se.kaa.intake.SchoolUnits.Unit("1234567" + u, "Kunskapsgymnasiet Yrkescentrum Norra campus " + u,
                    "Kunskapsskolan AB", java.util.EnumSet.of(se.kaa.intake.SchoolType.GY), se.kaa.shared.MunicipalityCode.of("2380")));
        }
        schoolUnits.save(units, "CSV", "test");
        for (int i = 0; i < numbers.size(); i++) {
            // long lines: the longest reason, four-digit day counts, a protected identity
            long id = f.kase(numbers.get(i).value(), "Maximiliana" + i, "2380", "2023-0" + (1 + i % 9) + "-15",
                    i % 2 == 0 ? "INVANDRAD" : "EJ_PABORJAT");
            f.enrolment(id, "1234567" + (i % 10), "2024-08-19");
            if (i % 3 == 0) {
                f.assign(id, TestUsers.username(Role.ENHETSCHEF));
            }
            if (i % 4 == 1) { // the longest next step: a planned attempt long past, and another clock overdue
                f.attempt(id, "2023-12-20", "NO_ANSWER", "2023-12-27");
            }
            if (i == 5) {
                jdbc.sql("UPDATE person SET protected_identity = true, family_name = 'Andersson-Lindqvist' WHERE id = ?")
                        .param(f.person(id)).update();
            }
            if (i == 23) {
                f.assign(id, TestUsers.username(Role.HANDLAGGARE));
                mine = id;
            }
        }
        String handlaggare = jdbc.sql("SELECT display_name FROM app_user WHERE username = ?")
                .param(TestUsers.username(Role.ENHETSCHEF)).query(String.class).single();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            String base = "http://localhost:" + port;
            page.navigate(base + "/login");
            page.getByLabel("Användarnamn").fill(TestUsers.username(Role.HANDLAGGARE));
            page.getByLabel("Lösenord").fill(TestUsers.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();
            // the handläggare starts on the worklist, her own case first
            page.waitForURL("**/arenden");
            assertThat(page.locator("#worklist tbody tr")).hasCount(24);
            assertThat(page.locator("#worklist tbody tr").first()).hasId("case-" + mine);
            assertThat(page.locator("#next-" + mine)).hasText(java.util.regex.Pattern.compile(
                    "Inget kontaktförsök – \\d\\s\\d{3} dagar, mål 7"));
            assertThat(page.locator("#worklist")).containsText(handlaggare);
            org.assertj.core.api.Assertions.assertThat(page.locator("#worklist").innerText())
                    .doesNotContain(TestUsers.username(Role.ENHETSCHEF));
            assertThat(page.locator("#worklist")).containsText("Kontaktförsök planerat 27 dec. 2023");
            assertThat(page.locator("#case-" + mine + " td.school span")).hasAttribute("title",
                    java.util.regex.Pattern.compile("Kunskapsgymnasiet Yrkescentrum Norra campus \\d \\(1234567\\d\\)"));
            org.assertj.core.api.Assertions.assertThat((Boolean) page.evaluate(
                    "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"))
                    .as("sideways scroll at 1280 px").isFalse();
            Number onFirstScreen = (Number) page.evaluate("""
                    () => [...document.querySelectorAll('#worklist tbody tr')]
                          .filter(r => r.getBoundingClientRect().bottom <= window.innerHeight).length""");
            org.assertj.core.api.Assertions.assertThat(onFirstScreen.intValue()).as("cases on the first screen at 1280×900")
                    .isGreaterThanOrEqualTo(15);

            page.setViewportSize(768, 1024);
            Boolean sideways = (Boolean) page.evaluate(
                    "() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
            org.assertj.core.api.Assertions.assertThat(sideways).as("sideways scroll at 768 px").isFalse();
            se.kaa.testsupport.Browser.assertAccessible(page);
        }
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
                assertThat(page.locator("#next-" + overdue)).containsText("Inget kontaktförsök – 52 dagar, mål 7");
                assertThat(page.locator("#next-" + overdue + " .late")).hasText("Försenad");
                se.kaa.testsupport.Browser.assertAccessible(page);

                // the counts and the filters are folded away until asked for
                assertThat(page.locator("#counts")).not().hasAttribute("open", "");
                page.locator("#counts summary").click();
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
        se.kaa.casework.settings.CaseworkSettings.OCCUPATION_TYPES.forEach(t -> form.put("expiry[" + t + "]", "60"));
        HttpResponse<String> invalid = admin.post("/admin/arenden/installningar", form);
        org.assertj.core.api.Assertions.assertThat(invalid.statusCode()).isEqualTo(400);
        org.assertj.core.api.Assertions.assertThat(invalid.body()).contains("Ange ett heltal mellan 1 och 730.")
                .contains("value=\"noll\"").contains("value=\"5\"");
        // an occupation type's days out of range, or left out of the form, is named beside that type
        form.put("firstContactDays", "10");
        form.put("expiry[WORK]", "731");
        form.remove("expiry[SICK]");
        HttpResponse<String> expiryWrong = admin.post("/admin/arenden/installningar", form);
        org.assertj.core.api.Assertions.assertThat(expiryWrong.statusCode()).isEqualTo(400);
        org.assertj.core.api.Assertions.assertThat(expiryWrong.body()).contains("id=\"expiry-WORK-error\"",
                "id=\"expiry-SICK-error\"").doesNotContain("id=\"expiry-STUDIES_KOMVUX-error\"", "id=\"firstContactDays-error\"");
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT count(*) FROM casework_settings").query(Integer.class)
                .single()).isZero();
        form.put("expiry[WORK]", "60");
        form.put("expiry[SICK]", "60");
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
