package se.kaa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The Swedish texts of the audit pages: {@code i18n/audit.properties}, every key used. */
class AuditMessagesTest {


    @Test
    void everyKeyTheTemplatesUseExists() throws IOException {
        Properties messages = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/i18n/audit.properties")) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (String template : new String[] {"/templates/audit/search.html", "/templates/audit/verification.html"}) {
            String html = new String(bytes(template), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("#\\{(audit\\.[a-zA-Z.]+[a-zA-Z])").matcher(html);
            while (m.find()) {
                assertThat(messages).as(template).containsKey(m.group(1));
            }
        }
        for (String key : new String[] {"audit.kind.READ", "audit.kind.WRITE", "audit.page.error.personnummer",
                "audit.page.error.from", "audit.page.error.to"}) {
            assertThat(messages).containsKey(key);
        }
        assertThat(messages.getProperty("audit.kind.WRITE")).isEqualTo("Ändring");
    }

    private byte[] bytes(String path) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }
}
