package se.kaa.security.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;

/**
 * What the rate limits in PostgreSQL cost an API request: each request with an API key runs two
 * statements – the unknown-key limit of its address (an indexed UPDATE that finds no row) and the
 * key's own bucket (an INSERT … ON CONFLICT DO UPDATE on one row) – on an unlogged table. Times each
 * statement alone (10,000 calls after 2,000 warm-up calls), prints their plans, and times whole API
 * requests over HTTP on localhost. Run it with
 *
 * <pre>
 * ./mvnw -q -B -T1 test -Dtest=RateLimitBenchmark -Dkaa.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@KaaIntegrationTest
@EnabledIfSystemProperty(named = "kaa.benchmark", matches = "true")
class RateLimitBenchmark {

    static final int WARM_UP = 2_000;
    static final int RUNS = 10_000;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner cleaner;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired ApiKeys keys;
    @Autowired SignInRateLimits limits;

    @Test
    void costPerApiRequest() throws Exception {
        cleaner.clean();
        clock.reset();
        // one key, used all the time: its row exists and is updated in place
        time("key's bucket (upsert, row exists)", i -> {
            if (i % 500 == 0) {
                clock.advance(Duration.ofMinutes(1)); // stay under 600 a minute
            }
            limits.apiKeyRequest("benchmark-key");
        });
        time("address's unknown-key limit (update, no row)", i -> limits.unknownApiKeyAllowed("192.0.2.1"));
        for (String sql : List.of(
                "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) UPDATE security_rate_limit SET seen = 0"
                        + " WHERE kind = 'unknown-api-keys-by-address' AND key = '192.0.2.1' AND (tat > 0 OR seen > 0)",
                "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) INSERT INTO security_rate_limit AS b (kind, key, tat, seen, allowed)"
                        + " VALUES ('api-key-requests', 'benchmark-key', 1, 1, true) ON CONFLICT (kind, key) DO UPDATE SET seen = 1")) {
            System.out.println(String.join("\n", jdbc.sql(sql).query(String.class).list()));
        }

        cleaner.clean();
        clock.reset();
        String key = keys.create("Benchmark", Role.SYSTEM, Set.of(MunicipalityCode.of("2380")),
                Instant.parse("2030-01-01T00:00:00Z"), "benchmark").secret();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/imports/999999"))
                .header("Authorization", "Bearer " + key).build();
        time("whole API request with a key (HTTP, 404 after the limits)", i -> {
            if (i % 500 == 0) {
                clock.advance(Duration.ofMinutes(1));
            }
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 404) {
                    throw new IllegalStateException("status " + status);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void time(String what, java.util.function.IntConsumer call) {
        for (int i = 0; i < WARM_UP; i++) {
            call.accept(i);
        }
        List<Long> nanos = new ArrayList<>(RUNS);
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            call.accept(i);
            nanos.add(System.nanoTime() - t0);
        }
        Collections.sort(nanos);
        System.out.printf("%-60s median %4d µs, p95 %4d µs, p99 %4d µs%n", what, nanos.get(RUNS / 2) / 1000,
                nanos.get(RUNS * 95 / 100) / 1000, nanos.get(RUNS * 99 / 100) / 1000);
    }
}
