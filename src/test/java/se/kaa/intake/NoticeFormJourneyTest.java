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

/**
 * A school reports in a real browser that a pupil has stopped: the reason is a required choice in
 * Swedish, a missing one is named and linked, the receipt shows it; the pages pass axe-core.
 */
@KaaIntegrationTest
class NoticeFormJourneyTest {

    static final Browser browser = se.kaa.testsupport.Browser.shared();

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;

    @BeforeEach
    void anOpenEnrolment() {
        database.clean();
        clock.reset();
        String enrolments = """
                personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
                200701012387;12345678;Östersunds kommun;GY;NA;2023-08-21;;
                """;
        org.assertj.core.api.Assertions.assertThat(new IntakeHttp(port).upload("/api/v1/imports/inskrivningar?municipality=2380",
                "i.csv", enrolments.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
    }

    @Test
    void aStopNeedsItsReasonAndTheReceiptShowsIt() {
        String base = "http://localhost:" + port;
        try (var context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "/login");
            page.getByLabel("Användarnamn").fill(KaaIntegrationTest.USER);
            page.getByLabel("Lösenord").fill(KaaIntegrationTest.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();

            page.navigate(base + "/anmalningar/ny");
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.getByLabel("Typ av anmälan").selectOption("STOP");
            page.getByLabel("Elevens personnummer").fill("20070101-2387");
            page.getByLabel("Skolenhetskod").fill("12345678");
            page.getByLabel("Datum").first().fill("2026-11-20");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skicka anmälan")).click();

            assertThat(page.locator("#form-errors")).containsText("Orsak till avslut måste anges");
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.locator("#form-errors a[href='#endReason']").click();
            assertThat(page.getByRole(AriaRole.RADIOGROUP)).hasAttribute("aria-invalid", "true");

            page.getByLabel("Byte av skola eller program").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skicka anmälan")).click();

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Anmälan är registrerad")))
                    .isVisible();
            assertThat(page.locator("dl")).containsText("Byte av skola eller program");
            se.kaa.testsupport.Browser.assertAccessible(page);
        }
    }
}
