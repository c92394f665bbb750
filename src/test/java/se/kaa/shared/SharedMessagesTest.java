package se.kaa.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import se.kaa.shared.PersonalIdentityNumber.Reason;

/** The Swedish texts of the shared module: {@code i18n/shared.properties}. */
class SharedMessagesTest {


    @Test
    void everyReasonHasASwedishMessage() throws IOException {
        Properties messages = load("/i18n/shared.properties");
        for (Reason reason : Reason.values()) {
            assertThat(messages.getProperty(reason.messageKey())).as(reason.messageKey())
                    .isNotBlank().startsWith("Personnumret").doesNotContain("{").doesNotContain("'");
        }
        assertThat(messages.getProperty("pin.invalid.CHECK_DIGIT")).isEqualTo("Personnumret har fel kontrollsiffra");
    }

    @Test
    void municipalityMessages() throws IOException {
        Properties messages = load("/i18n/shared.properties");
        assertThat(messages.getProperty("municipality.invalid")).isEqualTo("Kommunkoden ska vara fyra siffror");
        assertThat(new MessageFormat(messages.getProperty("municipality.unknown"), Locale.forLanguageTag("sv-SE"))
                .format(new Object[] {MunicipalityCode.of("1234")})).isEqualTo("Kommunkoden 1234 finns inte");
    }

    @Test
    void theFilesAreUtf8WithSwedishLetters() throws IOException {
        String text = new String(bytes("/i18n/shared.properties"), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\\u00").doesNotContain("\uFFFD").contains("å").contains("ö");
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = SharedMessagesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static byte[] bytes(String resource) throws IOException {
        try (InputStream in = SharedMessagesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }
}
