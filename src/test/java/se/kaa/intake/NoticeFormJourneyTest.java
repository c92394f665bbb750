package se.kaa.intake;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;

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
import se.kaa.testsupport.WebSession;

/**
 * The skolrapportör reports in a real browser that a pupil has stopped: she chooses the kind of notice
 * and sees only its fields, her school unit is filled in, the reason is a required choice in Swedish,
 * a missing one is named and linked; the receipt names the pupil (personnummer masked) and says what
 * happens next, and the form lists the notice among her earlier ones; the pages pass axe-core.
 */
@KaaIntegrationTest
class NoticeFormJourneyTest {

    static final Browser browser = se.kaa.testsupport.Browser.shared();

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired se.kaa.testsupport.TestUsers users;

    @BeforeEach
    void anOpenEnrolment() {
        database.clean();
        clock.reset();
        users.ensure();
        String people = """
                personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
                200701012387;Ella;Strand;2380;2007-01-01;;Storgatan 3;83130;Östersund;NEJ;NORMAL
                """;
        org.assertj.core.api.Assertions.assertThat(WebSession.api(port).upload(
                "/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "f.csv",
                people.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        String enrolments = """
                personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
                200701012387;12345678;Östersunds kommun;GY;NA;2023-08-21;;
                """;
        org.assertj.core.api.Assertions.assertThat(WebSession.api(port).upload("/api/v1/imports/inskrivningar?municipality=2380",
                "i.csv", enrolments.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
    }

    @Test
    void aStopNeedsItsReasonAndTheReceiptShowsIt() {
        String base = "http://localhost:" + port;
        try (var context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "/login");
            page.getByLabel("Användarnamn").fill(se.kaa.testsupport.TestUsers.username(se.kaa.security.Role.SKOLRAPPORTOR));
            page.getByLabel("Lösenord").fill(se.kaa.testsupport.TestUsers.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();

            page.navigate(base + "/anmalningar/ny");
            assertThat(page.locator("#sent-none")).isVisible();
            // an absence shows its own fields and no reason to stop
            page.locator("#type-ABSENCE").click();
            assertThat(page.locator("#form-heading")).hasText("Betydande ogiltig frånvaro");
            assertThat(page.locator("#absence")).isVisible();
            assertThat(page.locator("#endReason")).hasCount(0);
            // a stop asks for its reason, and has no absence fields
            page.locator("#type-STOP").click();
            assertThat(page.locator("#type-STOP")).hasAttribute("aria-current", "page");
            assertThat(page.locator("#absence")).hasCount(0);
            assertThat(page.locator("#schoolUnitCode")).hasValue("12345678"); // her one unit, filled in
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.getByLabel("Elevens personnummer").fill("20070101-2387");
            page.getByLabel("Datum").first().fill("2026-11-20");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skicka anmälan")).click();

            assertThat(page.locator("#form-errors")).containsText("Orsak till avslut måste anges");
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.locator("#form-errors a[href='#endReason']").click();
            assertThat(page.getByRole(AriaRole.RADIOGROUP)).hasAttribute("aria-invalid", "true");

            page.getByLabel("Avbrott").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skicka anmälan")).click();

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Anmälan är registrerad")))
                    .isVisible();
            assertThat(page.locator("dl")).containsText("Avbrott");
            assertThat(page.locator("#pupil")).hasText("Ella Strand, 20070101-****");
            assertThat(page.locator("#next")).containsText("har avbrutit sin utbildning");
            se.kaa.testsupport.Browser.assertAccessible(page);

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Gör en ny anmälan")).click();
            assertThat(page.locator("#sent tbody tr")).hasCount(1);
            assertThat(page.locator("#sent")).containsText("Eleven har slutat");
            assertThat(page.locator("#sent")).containsText("20070101-****");
            org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("20070101-2387");
            se.kaa.testsupport.Browser.assertAccessible(page);
        }
    }
}
