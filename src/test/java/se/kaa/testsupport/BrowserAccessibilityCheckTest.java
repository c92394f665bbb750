package se.kaa.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * The accessibility check every browser test relies on still finds what it must: run in the page
 * itself and asked for violations only, it fails a page with an image without a text alternative and
 * an unlabelled field, and passes the same page made right.
 */
class BrowserAccessibilityCheckTest {

    @Test
    void aPageWithSeriousViolationsFailsAndTheSamePageMadeRightPasses() {
        try (BrowserContext context = Browser.shared().newContext()) {
            Page page = context.newPage();
            page.setContent("""
                    <!doctype html><html lang="sv"><head><title>Fel</title></head><body><main>
                    <h1>Ärende</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
                    <form><input type="text" name="phone"></form></main></body></html>""");
            assertThatThrownBy(() -> Browser.assertAccessible(page))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("image-alt")
                    .hasMessageContaining("label");

            page.setContent("""
                    <!doctype html><html lang="sv"><head><title>Rätt</title></head><body><main>
                    <h1>Ärende</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Kommunens logotyp">
                    <form><label for="phone">Telefon</label><input id="phone" type="text" name="phone"></form>
                    </main></body></html>""");
            assertThatCode(() -> Browser.assertAccessible(page)).doesNotThrowAnyException();
        }
    }
}
