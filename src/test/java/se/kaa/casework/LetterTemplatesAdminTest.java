package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import se.kaa.testsupport.Browser;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The administrator edits a municipality's letter templates: defaults seeded on first use, unknown
 * placeholders refused with a Swedish message naming them (text kept), saved text used in the next
 * letter, HTML shown as text. Only municipalities she is granted.
 */
@KaaIntegrationTest
class LetterTemplatesAdminTest {

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
    }

    WebSession admin() {
        WebSession web = new WebSession(port);
        assertThat(web.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD).statusCode()).isEqualTo(302);
        return web;
    }

    @Test
    void defaultsAreSeededAndAnUnknownPlaceholderIsRefusedByName() throws Exception {
        WebSession web = admin();
        HttpResponse<String> list = web.get("/admin/arenden/brevmallar");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Information om aktivitetsansvaret", "Vi har inte nått dig", "komvux");
        assertThat(jdbc.sql("SELECT count(*) FROM casework_letter_template WHERE municipality = '2380'").query(Long.class).single())
                .isEqualTo(3);

        HttpResponse<String> refused = web.post("/admin/arenden/brevmallar/2380/INFORMATION",
                Map.of("heading", "Hej {fornamn}", "body", "Ditt skonummer är {skonummer}. Hälsningar {kommun}"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Okänd platshållare {skonummer}", "Ditt skonummer är {skonummer}");

        HttpResponse<String> saved = web.post("/admin/arenden/brevmallar/2380/INFORMATION",
                Map.of("heading", "Hej {fornamn}!", "body", "Första stycket <b>fet</b> för {fornamn} {efternamn}.\n\nAndra stycket från {kommun}."));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(web.get("/admin/arenden/brevmallar").body()).contains("Hej {fornamn}!");

        LetterCases cases = new LetterCases(port, jdbc);
        HttpResponse<byte[]> pdf = cases.api("{\"caseIds\": [%d], \"template\": \"INFORMATION\"}".formatted(cases.alva()));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(LetterTest.text(pdf.body())).contains("Hej Alva!", "Första stycket <b>fet</b> för Alva Ek.",
                "Andra stycket från Östersunds kommun.");

        assertThat(web.get("/admin/arenden/brevmallar/2361/INFORMATION").statusCode()).as("served, granted to the admin")
                .isEqualTo(200);
        assertThat(web.get("/admin/arenden/brevmallar/2380/KARLEKSBREV").statusCode()).as("no such letter").isEqualTo(404);
        WebSession handlaggare = cases.handlaggare();
        assertThat(handlaggare.get("/admin/arenden/brevmallar").statusCode()).isEqualTo(403);
    }

    @Test
    void theTemplatePagesAreAccessible() {
        String base = "http://localhost:" + port;
        try (BrowserContext context = Browser.shared().newContext(
                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.navigate(base + "/login");
            page.getByLabel("Användarnamn").fill(KaaIntegrationTest.USER);
            page.getByLabel("Lösenord").fill(KaaIntegrationTest.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();
            page.navigate(base + "/admin/arenden/brevmallar");
            Browser.assertAccessible(page);
            page.navigate(base + "/admin/arenden/brevmallar/2380/NOT_REACHED");
            page.getByLabel("Text").fill("Hej {namn}");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Spara")).click();
            assertThat(page.locator("#body-error").textContent()).contains("Okänd platshållare {namn}");
            Browser.assertAccessible(page);
        }
    }
}
