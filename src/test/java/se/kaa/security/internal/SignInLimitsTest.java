package se.kaa.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kaa.testsupport.WebSession.location;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/**
 * The HTTP Basic switch and the rate limits (defaults of application.yml: 30 failed logins per
 * address in 15 minutes, 600 requests a minute per API key, 20 unknown keys per address in 15
 * minutes), each shown to trigger and to reset when time passes. Failures for one user name are the
 * lockout's business (LocalAccountTest).
 */
@KaaIntegrationTest
class SignInLimitsTest {

    static final String MEMBERS = "/api/v1/target-group/members?municipality=2380";

    @LocalServerPort int port;
    @Autowired TestClock clock;
    @Autowired DatabaseCleaner database;
    @Autowired ApiKeys keys;
    @Autowired SignInRateLimits limits;
    @Autowired ConfigurableEnvironment environment;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
    }

    /** Lets time pass so every bucket this test emptied is full again for the tests after it. */
    @AfterEach
    void refill() {
        environment.getPropertySources().remove("basic-off");
        clock.setDate(TestClock.DEFAULT_DATE.plusDays(1));
        for (String address : List.of("127.0.0.1", "0:0:0:0:0:0:0:1")) {
            limits.loginAllowed(address);
            limits.unknownApiKeyAllowed(address);
        }
        clock.reset();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void httpBasicCanBeSwitchedOffAndApiKeysStillWork() {
        WebSession client = new WebSession(port);
        String key = keys.create("Elevregistret", Role.SYSTEM, Set.of(MunicipalityCode.of("2380")),
                Instant.parse("2030-01-01T00:00:00Z"), "test").secret();
        assertThat(client.get(MEMBERS, basic(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD)).statusCode()).isEqualTo(200);

        environment.getPropertySources().addFirst(new MapPropertySource("basic-off", Map.of("kaa.security.api.basic-auth", "false")));
        HttpResponse<String> refused = client.get(MEMBERS, basic(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("HTTP Basic) är avstängd");
        assertThat(refused.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"KAA\"");
        assertThat(client.get(MEMBERS, "Bearer " + key).statusCode()).isEqualTo(200);

        environment.getPropertySources().remove("basic-off");
        assertThat(client.get(MEMBERS, basic(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    void theAddressLimitHoldsEvenForTheRightPasswordAndCoversHttpBasic() {
        WebSession client = new WebSession(port);
        for (int i = 0; i < 30; i++) {
            assertThat(client.get(MEMBERS, basic(unique("spray"), "fel-" + i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = client.get(MEMBERS, basic(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("\"status\":429", "För många förfrågningar");
        assertThat(location(new WebSession(port).login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD)))
                .as("the form shares the address's limit").endsWith("/login?rate");

        clock.setDate(TestClock.DEFAULT_DATE.plusDays(1));
        assertThat(client.get(MEMBERS, basic(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    void failedLoginsFromOneAddressAreLimitedAcrossUserNames() {
        WebSession browser = new WebSession(port);
        for (int i = 0; i < 30; i++) {
            assertThat(location(browser.login(unique("spray"), "fel"))).as("attempt " + i).endsWith("/login?error");
        }
        assertThat(location(browser.login(unique("spray"), "fel"))).endsWith("/login?rate");
        assertThat(location(browser.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD))).endsWith("/login?rate");

        clock.setDate(TestClock.DEFAULT_DATE.plusDays(1));
        assertThat(location(browser.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD))).doesNotContain("error", "rate");
    }

    @Test
    void unknownApiKeysFromOneAddressAreLimited() {
        WebSession client = new WebSession(port);
        for (int i = 0; i < 20; i++) {
            assertThat(client.get(MEMBERS, "Bearer kaa_gissning" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = client.get(MEMBERS, "Bearer kaa_gissning");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("\"status\":429");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();

        clock.setDate(TestClock.DEFAULT_DATE.plusDays(1));
        assertThat(client.get(MEMBERS, "Bearer kaa_gissning").statusCode()).isEqualTo(401);
    }

    @Test
    void requestsWithOneKeyAreLimitedPerKey() {
        WebSession client = new WebSession(port);
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");
        String busy = keys.create("Upptagen", Role.SYSTEM, Set.of(MunicipalityCode.of("2380")), expires, "test").secret();
        String other = keys.create("Annan", Role.SYSTEM, Set.of(MunicipalityCode.of("2380")), expires, "test").secret();
        for (int i = 0; i < 600; i++) {
            int status = client.get("/api/v1/imports/999999", "Bearer " + busy).statusCode();
            assertThat(status).as("request " + i).isNotIn(401, 429);
        }
        HttpResponse<String> limited = client.get(MEMBERS, "Bearer " + busy);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(client.get(MEMBERS, "Bearer " + other).statusCode()).as("another key has its own limit").isEqualTo(200);

        clock.setDate(TestClock.DEFAULT_DATE.plusDays(1));
        assertThat(client.get(MEMBERS, "Bearer " + busy).statusCode()).isEqualTo(200);
    }
}
