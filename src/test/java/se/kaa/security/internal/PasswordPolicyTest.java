package se.kaa.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void aLongPassphraseIsAccepted() {
        assertThat(PasswordPolicy.problems("fyra ord om hösten", "anna")).isEmpty();
    }

    @Test
    void shorterThanTwelveIsRefused() {
        assertThat(PasswordPolicy.problems("kort-ord-11", "anna")).containsExactly("security.password.too-short");
    }

    @Test
    void theUsernameMayNotBePartOfIt() {
        assertThat(PasswordPolicy.problems("Anna.Andersson-2026", "anna.andersson"))
                .containsExactly("security.password.contains-username");
    }

    @Test
    void trivialAndCommonPasswordsAreRefused() {
        assertThat(PasswordPolicy.problems("aaaaaaaaaaaaaaa", "anna")).containsExactly("security.password.too-simple");
        assertThat(PasswordPolicy.problems("Password1234", "anna")).containsExactly("security.password.common");
    }

    @Test
    void moreThanBcryptReadsIsRefused() {
        assertThat(PasswordPolicy.problems("åäö".repeat(13), "anna")).contains("security.password.too-long");
    }

    @Test
    void everyRuleHasASwedishMessage() throws Exception {
        Properties sv = new Properties();
        try (var in = PasswordPolicyTest.class.getResourceAsStream("/i18n/security.properties")) {
            sv.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (String key : new String[] {"security.password.too-short", "security.password.too-long",
                "security.password.contains-username", "security.password.too-simple", "security.password.common"}) {
            assertThat(sv.getProperty(key)).as(key).isNotBlank();
        }
    }
}
