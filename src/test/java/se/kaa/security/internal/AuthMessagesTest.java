package se.kaa.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import se.kaa.security.Role;

/** The Swedish texts of signing in: {@code i18n/auth.properties}. */
class AuthMessagesTest {


    @Test
    void everyRoleHasASwedishLabel() throws IOException {
        Properties messages = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/i18n/auth.properties")) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (Role role : Role.values()) {
            assertThat(messages.getProperty("auth.role." + role.name())).as(role.name()).isNotBlank();
        }
        assertThat(messages.getProperty("auth.role.HANDLAGGARE")).isEqualTo("Handläggare");
    }

    private byte[] bytes(String path) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
