package se.kaa.targetgroup.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import se.kaa.targetgroup.EntryKind;
import se.kaa.targetgroup.ExitReason;
import se.kaa.targetgroup.ReasonForRegistration;
import se.kaa.targetgroup.RuleSetVersion;

/** Every message key the engine emits has a Swedish text with the same placeholders, in both bundles. */
class TargetGroupMessagesTest {

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = TargetGroupMessagesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static TreeSet<String> placeholders(String pattern) {
        TreeSet<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\d+)}").matcher(pattern);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyFindingKeyHasASwedishTextWithTheSamePlaceholders() throws IOException {
        Properties sv = load("/i18n/targetgroup.properties");
        for (FindingKey k : FindingKey.values()) {
            String text = sv.getProperty(k.key());
            assertThat(text).as(k.key()).isNotBlank();
            assertThat(placeholders(text)).as(k.key()).isEqualTo(placeholders(k.english()));
            new MessageFormat(text, Locale.forLanguageTag("sv")); // parses
            assertThat(text).as("no stray apostrophes in %s", k.key()).doesNotContain("'");
        }
    }

    @Test
    void enumLabelsExist() throws IOException {
        Properties sv = load("/i18n/targetgroup.properties");
        for (Condition c : Condition.values()) {
            assertThat(sv.getProperty("targetgroup.condition." + c)).isNotBlank();
        }
        for (Assessment.Status s : Assessment.Status.values()) {
            assertThat(sv.getProperty("targetgroup.status." + s)).isNotBlank();
        }
        for (ReasonForRegistration r : ReasonForRegistration.values()) {
            assertThat(sv.getProperty("targetgroup.reason." + r)).isNotBlank();
        }
        for (EntryKind e : EntryKind.values()) {
            assertThat(sv.getProperty("targetgroup.entryKind." + e)).isNotBlank();
        }
        for (ExitReason e : ExitReason.values()) {
            assertThat(sv.getProperty("targetgroup.exitReason." + e)).isNotBlank();
        }
        for (RuleSetVersion v : RuleSetVersion.values()) {
            assertThat(sv.getProperty("targetgroup.ruleSet." + v)).isNotBlank();
        }
    }


    @Test
    void everyEnglishPatternFormats() {
        for (FindingKey k : FindingKey.values()) {
            Object[] args = new Object[placeholders(k.english()).size()];
            java.util.Arrays.fill(args, "x");
            assertThat(new Finding(k.key(), java.util.Arrays.asList(args), null).describe()).doesNotContain("{");
        }
    }
}
