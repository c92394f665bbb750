package se.kaa.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** The name KAA shows and audits for a single sign-on user is never a personnummer. */
class OidcUsernameTest {

    static DefaultOidcUser user(Map<String, Object> claims) {
        Map<String, Object> all = new HashMap<>(claims);
        all.putIfAbsent("iss", "https://idp.example.se");
        all.put("aud", List.of("kaa"));
        OidcIdToken token = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), all);
        return new DefaultOidcUser(List.of(), token);
    }

    @Test
    void takesTheConfiguredClaimThenTheUsualOnes() {
        assertThat(KaaOidcUserService.username(user(Map.of("sub", "s-1", "upn", "anna@kommun.se",
                "preferred_username", "anna")), "upn")).isEqualTo("anna@kommun.se");
        assertThat(KaaOidcUserService.username(user(Map.of("sub", "s-1", "email", "bo@kommun.se")), "preferred_username"))
                .isEqualTo("bo@kommun.se");
    }

    @Test
    void skipsAnythingShapedLikeAPersonnummer() {
        String pin = TEST_PIN;
        String name = KaaOidcUserService.username(user(Map.of("sub", pin, "preferred_username", pin)), "preferred_username");
        assertThat(name).startsWith("oidc-").doesNotContain(pin).doesNotContain(pin.substring(2));
        assertThat(KaaOidcUserService.looksLikePersonnummer(pin.substring(2, 8) + "-" + pin.substring(8))).isTrue();
        assertThat(KaaOidcUserService.looksLikePersonnummer("anna.andersson@kommun.se")).isFalse();
    }

    /** From Skatteverket's test personnummer (the demo list), never a real person's. */
    static final String TEST_PIN = firstTestPersonnummer();

    private static String firstTestPersonnummer() {
        try (var in = OidcUsernameTest.class.getResourceAsStream("/demo/testpersonnummer.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow().strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
