package se.kaa.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The Swedish texts of retention and the extract: identical default bundles, a label for every class and action. */
class RetentionMessagesTest {


    @Test
    void everyClassActionAndTriggerHasALabel() throws IOException {
        Properties sv = load("/i18n/retention.properties");
        for (RetentionClass c : RetentionClass.values()) {
            assertThat(sv.getProperty("retention.class." + c)).as(c.name()).isNotBlank();
            if (!c.personAnchored()) {
                assertThat(sv.getProperty("retention.anchor.record." + c)).as(c.name()).isNotBlank();
            }
        }
        for (RetentionAction a : RetentionAction.values()) {
            assertThat(sv.getProperty("retention.action." + a)).as(a.name()).isNotBlank();
        }
        for (String trigger : new String[] {"DAILY", "MANUAL"}) {
            assertThat(sv.getProperty("retention.trigger." + trigger)).isNotBlank();
        }
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = RetentionMessagesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = RetentionMessagesTest.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
