package se.kaa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.kaa.testsupport.KaaIntegrationTest;

/**
 * {@code /actuator/health} answers anyone UP or DOWN and nothing more: no components, no details, no
 * other actuator endpoint. (That it turns DOWN while the database is down: EmbeddedDatabaseProcessTest.)
 */
@KaaIntegrationTest
class HealthEndpointTest {

    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void anyoneMayAskWhetherTheApplicationIsUpAndLearnsNothingElse() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void noOtherActuatorEndpointIsReachable() throws Exception {
        for (String path : new String[]{"/actuator", "/actuator/env", "/actuator/health/db", "/actuator/metrics",
                "/actuator/heapdump"}) {
            assertThat(get(path).statusCode()).as(path).isIn(302, 404);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
