package se.kaa.casework;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;

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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * axe-core (WCAG 2.1 A/AA, no serious or critical violation) on the casework pages the other browser
 * tests do not reach – the plan's revisions, the message form, the bulk-letter summary, a save
 * refused because someone else saved first, the measure catalogue – and a guard that every casework
 * page is checked by one of the browser tests.
 */
@KaaIntegrationTest
class CaseworkPagesAccessibilityTest {

    /** Every casework page (GET, HTML) and the browser test that runs axe on it. */
    static final Set<String> CHECKED = Set.of(
            "/arenden", // CaseworkJourneyTest, WorklistPageTest
            "/arenden/{id}", // CaseJourneyTest, CaseworkJourneyTest, here (409)
            "/arenden/{id}/plan/versioner", "/arenden/{id}/plan/versioner/{n}", "/arenden/{id}/meddelanden/ny", // here
            "/arenden/utskick", // MessageTest, here (a message that may have been sent)
            "/arenden/brev/omgangar", // here
            "/admin/arenden/installningar", "/admin/arenden/fordelning", // WorklistPageTest
            "/admin/arenden/atgarder", // here
            "/admin/arenden/brevmallar", "/admin/arenden/brevmallar/{municipality}/{kind}"); // LetterTemplatesAdminTest

    static final Browser browser = se.kaa.testsupport.Browser.shared();

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    long alva;
    long greta;

    @BeforeEach
    void twoCasesOneProtected() {
        database.clean();
        clock.reset();
        users.ensure();
        WebSession http = WebSession.api(port);
        http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "f.csv",
                CaseRecordsTest.FOLKBOKFORING_2380.getBytes(StandardCharsets.UTF_8));
        http.upload("/api/v1/imports/inskrivningar?municipality=2380", "i.csv",
                CaseRecordsTest.INSKRIVNINGAR_2380.getBytes(StandardCharsets.UTF_8));
        alva = caseOf("Alva");
        greta = caseOf("Greta");
    }

    @Test
    void everyCaseworkPageIsCheckedByABrowserTest() {
        Set<String> pages = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            boolean get = info.getMethodsCondition().getMethods().isEmpty()
                    || info.getMethodsCondition().getMethods().contains(org.springframework.web.bind.annotation.RequestMethod.GET);
            if (get && !method.hasMethodAnnotation(org.springframework.web.bind.annotation.ResponseBody.class)
                    && !method.getBeanType().isAnnotationPresent(org.springframework.web.bind.annotation.RestController.class)) {
                info.getPatternValues().stream()
                        .filter(p -> p.startsWith("/arenden") || p.startsWith("/admin/arenden"))
                        .filter(p -> !p.endsWith(".pdf") && !p.endsWith(".csv") && !p.endsWith(".xlsx")) // files, not pages
                        .forEach(pages::add);
            }
        });
        org.assertj.core.api.Assertions.assertThat(pages).as("the casework pages found").contains("/arenden", "/arenden/{id}");
        org.assertj.core.api.Assertions.assertThat(pages).as("casework pages without an axe check").isSubsetOf(CHECKED);
    }

    @Test
    void planRevisionsMessageFormBulkLetterSummaryAndAStaleSaveAreAccessible() throws Exception {
        long version = version(alva);
        api("PUT", "/api/v1/cases/" + alva + "/contact-details",
                "{\"version\": %d, \"phone\": \"070-123 45 67\"}".formatted(version));
        api("PUT", "/api/v1/cases/" + alva + "/plan", "{\"version\": %d, \"goal\": \"Börja på komvux\"}".formatted(version(alva)));
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900).setAcceptDownloads(true))) {
            Page page = login(context, TestUsers.username(Role.HANDLAGGARE));
            String base = "http://localhost:" + port;

            page.navigate(base + "/arenden/" + alva + "/plan/versioner");
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.navigate(base + "/arenden/" + alva + "/plan/versioner/1");
            assertThat(page.locator("main")).containsText("Börja på komvux");
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.navigate(base + "/arenden/" + alva + "/meddelanden/ny");
            se.kaa.testsupport.Browser.assertAccessible(page);

            // Bulk letters from the worklist: the protected person is left out and the summary says so.
            page.navigate(base + "/arenden");
            page.locator("#select-" + alva).check();
            page.locator("#select-" + greta).check();
            page.locator("#bulk-actions summary").click();
            page.locator("#bulk-template").selectOption("NOT_REACHED");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skapa brev till valda")).click();
            assertThat(page.locator("#skipped-cases")).containsText("Skyddad");
            se.kaa.testsupport.Browser.assertAccessible(page);
            Download download = page.waitForDownload(() -> page.locator("form[action='/arenden/brev'] button").click());
            try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(download.path()))) {
                org.assertj.core.api.Assertions.assertThat(pdf.getNumberOfPages()).isEqualTo(1);
                org.assertj.core.api.Assertions.assertThat(new PDFTextStripper().getText(pdf))
                        .contains("Alva Ek").doesNotContain("Greta", "Hemliga");
            }

            // Someone else saves first: hers is refused, her text stays in the form.
            Page other = login(context, TestUsers.username(Role.HANDLAGGARE));
            page.navigate(base + "/arenden/" + alva);
            other.navigate(base + "/arenden/" + alva);
            other.locator("#goal-goal").fill("Praktik först");
            other.locator("#goal-form button[type=submit]").click();
            page.locator("#goal-goal").fill("Folkhögskola i höst");
            page.locator("#goal-form button[type=submit]").click();
            assertThat(page.locator("#problem")).containsText("har ändrats av någon annan");
            assertThat(page.locator("#goal-goal")).hasValue("Folkhögskola i höst");
            se.kaa.testsupport.Browser.assertAccessible(page);
        }
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(768, 1024))) {
            Page page = login(context, TestUsers.username(Role.ADMINISTRATOR));
            page.navigate("http://localhost:" + port + "/admin/arenden/atgarder");
            assertThat(page.locator("input[name=name][value=Komvux]")).hasCount(1);
            se.kaa.testsupport.Browser.assertAccessible(page);
        }
    }

    @Test
    void draftLettersTheirBatchAStruckOutAttemptAndAnUncertainMessageAreAccessible() {
        api("POST", "/api/v1/cases/" + alva + "/contacts", """
                {"version": %d, "attemptedAt": "2026-11-20T10:15", "channel": "PHONE", "outcome": "WRONG_NUMBER"}"""
                .formatted(version(alva)));
        api("PUT", "/api/v1/cases/" + alva + "/contact-details",
                "{\"version\": %d, \"phone\": \"070-123 45 67\"}".formatted(version(alva)));
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900).setAcceptDownloads(true))) {
            Page page = login(context, TestUsers.username(Role.HANDLAGGARE));
            String base = "http://localhost:" + port;
            page.navigate(base + "/arenden/" + alva);
            page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Skapa brev (PDF)")).click());
            page.navigate(base + "/arenden/" + alva);
            assertThat(page.locator("#case-letters")).containsText("Utkast, inte skickat");
            se.kaa.testsupport.Browser.assertAccessible(page);

            page.navigate(base + "/arenden/brev/omgangar");
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Markera alla 1 brev i omgång 1 som skickade")).click();
            assertThat(page.locator("[role=status]").first()).containsText("1 brev är markerade som skickade");
            se.kaa.testsupport.Browser.assertAccessible(page);

            page.navigate(base + "/arenden/" + alva + "#kontakter");
            page.locator("#contacts details summary").last().click();
            page.locator("#contacts details input[name=reason]").last().fill("Fel nummer registrerat på fel ärende");
            page.locator("#contacts details button[type=submit]").last().click();
            assertThat(page.locator("#problem")).containsText("Bekräfta");
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.locator("#contacts details input[name=confirmStrike]").last().check();
            page.locator("#contacts details button[type=submit]").last().click();
            assertThat(page.locator("#saved")).containsText("struket");
            assertThat(page.locator("#contacts")).containsText("Fel nummer registrerat på fel ärende");
            se.kaa.testsupport.Browser.assertAccessible(page);

            page.navigate(base + "/arenden/" + alva);
            page.locator("#message-body").fill("Hej Alva!");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skicka")).click();
            jdbc.sql("UPDATE casework_outbox SET status = 'UNCERTAIN'").update();
            page.navigate(base + "/arenden/utskick");
            assertThat(page.locator("#outbox-uncertain")).containsText("Kan ha skickats – kontrollera innan du skickar igen");
            se.kaa.testsupport.Browser.assertAccessible(page);
        }
    }

    @Test
    void fromTheWorklistToASavedNoteWithTheKeyboardAlone() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = login(context, TestUsers.username(Role.HANDLAGGARE));
            page.navigate("http://localhost:" + port + "/arenden");
            tabTo(page, "a[href='/arenden/" + alva + "']");
            page.keyboard().press("Enter");
            page.waitForURL("**/arenden/" + alva);
            // the action bar opens the note form right under it
            tabTo(page, "#action-anteckning");
            page.keyboard().press("Enter");
            page.waitForURL("**/arenden/" + alva + "?gora=anteckning#gora");
            tabTo(page, "#note-text");
            page.keyboard().type("Ringde, inget svar");
            tabTo(page, "#note-form button[type=submit]");
            page.keyboard().press("Enter");
            assertThat(page.locator("#timeline > li").first()).containsText("Ringde, inget svar");
            assertThat(page.locator("#saved")).isVisible();
        }
    }

    /** Presses Tab until the element matching {@code selector} has the focus; fails after 300 presses. */
    private static void tabTo(Page page, String selector) {
        for (int i = 0; i < 300; i++) {
            page.keyboard().press("Tab");
            if (Boolean.TRUE.equals(page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector))) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + selector);
    }

    private Page login(BrowserContext context, String username) {
        Page page = context.newPage();
        page.navigate("http://localhost:" + port + "/login");
        if (page.getByLabel("Användarnamn").count() == 0) {
            return page; // this context is signed in already
        }
        page.getByLabel("Användarnamn").fill(username);
        page.getByLabel("Lösenord").fill(TestUsers.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();
        return page;
    }

    private long caseOf(String givenName) {
        return jdbc.sql("SELECT c.id FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.given_name = ?")
                .param(givenName).query(Long.class).single();
    }

    private long version(long caseId) {
        return jdbc.sql("SELECT version FROM casework_case WHERE id = ?").param(caseId).query(Long.class).single();
    }

    private void api(String method, String path, String body) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + path))
                    .header("Authorization", TestUsers.basic(Role.HANDLAGGARE)).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(path + " " + r.body()).isBetween(200, 299);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
