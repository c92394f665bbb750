package se.kaa.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium driven by Playwright; nothing is downloaded at test time. The flags keep
 * Chromium off the network it would otherwise try to reach at start.
 */
public final class Browser {

    public static final Path CHROMIUM = Path.of(System.getProperty("kaa.chromium", "/usr/bin/chromium"));

    private static Playwright sharedPlaywright;
    private static com.microsoft.playwright.Browser shared;

    private Browser() {
    }

    /** One Chromium for the whole test run (started on first use, closed when the JVM ends). */
    public static synchronized com.microsoft.playwright.Browser shared() {
        if (shared == null) {
            sharedPlaywright = playwright();
            shared = launch(sharedPlaywright);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.close();
                sharedPlaywright.close();
            }, "kaa-test-browser-close"));
        }
        return shared;
    }

    /**
     * WCAG 2.1 A/AA checks by axe-core inside the page: fails on any serious or critical violation.
     * Run in the page itself ("legacy mode": our pages have no frames, and the default mode opens a
     * second page per check to combine frame results – a second a check, 40 checks a run) and asked
     * for the violations only.
     */
    public static void assertAccessible(com.microsoft.playwright.Page page) {
        List<com.deque.html.axecore.results.Rule> violations = new com.deque.html.axecore.playwright.AxeBuilder(page)
                .setLegacyMode(true)
                .options(violationsOnly())
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze().getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                .toList();
        org.assertj.core.api.Assertions.assertThat(violations)
                .as(() -> page.url() + ": " + violations.stream().map(v -> v.getId() + " " + v.getHelp()).toList())
                .isEmpty();
    }

    private static com.deque.html.axecore.args.AxeRunOptions violationsOnly() {
        com.deque.html.axecore.args.AxeRunOptions options = new com.deque.html.axecore.args.AxeRunOptions();
        options.setResultTypes(List.of("violations"));
        return options;
    }

    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static com.microsoft.playwright.Browser launch(Playwright playwright) {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("Chromium not found at " + CHROMIUM
                    + ": install Debian's chromium package (.ci/run does) or set -Dkaa.chromium=PATH");
        }
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run")));
    }
}
