package se.kaa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Counts are written with the right number: "1 dag", "2 dagar", never "1 dagar". A number put before
 * a noun whose plural differs must choose the form (MessageFormat's {@code choice}).
 */
class PluralsTest {

    /**
     * Nouns whose plural differs from the singular, after a bare number (not a branch of a choice,
     * which follows '#' or '<').
     */
    static final Pattern PLAIN_COUNT = Pattern.compile(
            "(?<![#<])\\{\\d}\\s+(dagar|ärenden|poster|personer|rader|månader|veckor|timmar|minuter|sekunder|filer|omgångar|användare?r)\\b");

    @Test
    void noNumberIsPutBeforeAPluralWithoutChoosingTheForm() throws IOException {
        List<String> wrong = new ArrayList<>();
        int messages = 0;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/i18n"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(in);
                }
                for (String key : p.stringPropertyNames()) {
                    messages++;
                    if (PLAIN_COUNT.matcher(p.getProperty(key)).find()) {
                        wrong.add(file.getFileName() + ": " + key + "=" + p.getProperty(key));
                    }
                }
            }
        }
        assertThat(messages).isGreaterThan(500);
        assertThat(wrong).isEmpty();
    }

    @Test
    void oneIsSingularAndManyArePlural() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/i18n/caserecords.properties"),
                StandardCharsets.UTF_8)) {
            p.load(in);
        }
        MessageFormat overdue = new MessageFormat(p.getProperty("caserecords.clock.overdue"), Locale.forLanguageTag("sv"));
        assertThat(overdue.format(new Object[] {1, 1})).isEqualTo("Försenad: 1 dag sedan inträdet, målet är 1 dag");
        assertThat(overdue.format(new Object[] {20L, 7})).isEqualTo("Försenad: 20 dagar sedan inträdet, målet är 7 dagar");
    }
}
