package se.kaa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * One term per concept on every page: an individual measure (PRODUCT.md "åtgärd" in the law's words)
 * is an <em>insats</em> everywhere a person reads it – the measure catalogue was "Åtgärdskatalog" on its
 * page and "Insatskatalog" in the link to it, retention said "Åtgärder och planer". "Åtgärd" stays
 * where it means something else: an action on selected cases, a retention rule's action. And an
 * occupation has one name: three bundles named them, differently ("Sjukskriven", "Sjukskrivning").
 */
class TermsTest {

    @Test
    void aMeasureIsAnInsatsOnEveryPage() throws IOException {
        List<String> wrong = new ArrayList<>();
        int measures = 0;
        for (var bundle : bundles().entrySet()) {
            Path file = bundle.getKey();
            Properties messages = bundle.getValue();
            for (String key : messages.stringPropertyNames()) {
                String k = key.toLowerCase(Locale.ROOT);
                if (!k.contains("measure") && !k.equals("caserecords.admin.title")) {
                    continue;
                }
                measures++;
                if (messages.getProperty(key).toLowerCase(Locale.ROOT).contains("åtgärd")) {
                    wrong.add(file.getFileName() + ": " + key + "=" + messages.getProperty(key));
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(measures).as("messages about measures").isGreaterThan(20);
    }

    @Test
    void eachOccupationHasOneName() throws IOException {
        java.util.Map<String, List<String>> definedIn = new java.util.TreeMap<>();
        java.util.regex.Pattern occupation = java.util.regex.Pattern.compile("^([a-z]+)\\.occupation\\.([A-Z_]+)$");
        for (Properties messages : bundles().values()) {
            for (String key : messages.stringPropertyNames()) {
                java.util.regex.Matcher m = occupation.matcher(key);
                if (m.matches()) {
                    definedIn.computeIfAbsent(m.group(2), t -> new ArrayList<>()).add(key + "=" + messages.getProperty(key));
                }
            }
        }
        assertThat(definedIn).as("occupation types named").hasSizeGreaterThanOrEqualTo(11);
        assertThat(definedIn.values()).as("each type named once, in one bundle").allSatisfy(names -> assertThat(names).hasSize(1));
    }

    /** Every message bundle, by file. */
    private static java.util.Map<Path, Properties> bundles() throws IOException {
        java.util.Map<Path, Properties> bundles = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/i18n"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
                Properties messages = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    messages.load(in);
                }
                bundles.put(file, messages);
            }
        }
        return bundles;
    }
}
