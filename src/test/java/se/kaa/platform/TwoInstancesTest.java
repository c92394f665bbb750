package se.kaa.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;

import se.kaa.casework.lifecycle.CaseLifecycle;
import se.kaa.retention.internal.RetentionService;
import se.kaa.security.Role;
import se.kaa.security.internal.ApiKeys;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.internal.Recomputation;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.LocalhostCookies;
import se.kaa.testsupport.SecondInstance;
import se.kaa.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances behind a load balancer on one PostgreSQL: the shared test context (instance A) and a
 * second application context (instance B) started on the same database with the same settings and
 * the same clock, on a port of its own. Jobs run once, a session from one is accepted by the other,
 * and rate limits count on both.
 */
@KaaIntegrationTest
class TwoInstancesTest {

    static final String MEMBERS = "/api/v1/target-group/members?municipality=2380";

    static ConfigurableApplicationContext b;

    @LocalServerPort int portA;
    @Autowired ApplicationContext a;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;

    int portB;

    @BeforeAll
    static void startInstanceB(@Autowired ApplicationContext a) {
        b = SecondInstance.start(a, Map.of());
    }

    @AfterAll
    static void stopInstanceB() {
        if (b != null) {
            b.close();
        }
    }

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        portB = SecondInstance.port(b);
    }

    /** Every rate limit this class emptied is full again for the tests after it. */
    @AfterEach
    void refill() {
        database.clean();
        clock.reset();
    }

    @Test
    void theNightlyJobsTriggeredOnBothInstancesAtOnceRunOnce() throws Exception {
        Recomputation recomputeA = a.getBean(Recomputation.class);
        Recomputation recomputeB = b.getBean(Recomputation.class);
        RetentionService retentionA = a.getBean(RetentionService.class);
        RetentionService retentionB = b.getBean(RetentionService.class);

        atOnce(() -> recomputeA.daily(), () -> recomputeB.daily());
        atOnce(() -> retentionA.daily(), () -> retentionB.daily());
        assertThat(count("SELECT count(*) FROM recomputation_run WHERE cause = 'daily'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM retention_run WHERE trigger = 'DAILY'")).isEqualTo(1);

        // a trigger that comes later the same day (a clock a little behind) finds the day's run done
        recomputeB.daily();
        retentionA.daily();
        assertThat(count("SELECT count(*) FROM recomputation_run WHERE cause = 'daily'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM retention_run WHERE trigger = 'DAILY'")).isEqualTo(1);

        clock.advance(Duration.ofDays(1));
        atOnce(() -> recomputeA.daily(), () -> recomputeB.daily());
        assertThat(count("SELECT count(*) FROM recomputation_run WHERE cause = 'daily'")).as("the next night").isEqualTo(2);
        assertThat(jdbc.sql("SELECT slot || ' ' || outcome FROM platform_job_run WHERE job = 'recompute-daily' ORDER BY slot")
                .query(String.class).list()).containsExactly("2026-11-22 DONE", "2026-11-23 DONE");
    }

    @Test
    void theStartUpJobOfInstancesStartingTogetherRunsOnce() throws Exception {
        CaseLifecycle casesA = a.getBean(CaseLifecycle.class);
        CaseLifecycle casesB = b.getBean(CaseLifecycle.class);
        atOnce(() -> ReflectionTestUtils.invokeMethod(casesA, "onStart"), () -> ReflectionTestUtils.invokeMethod(casesB, "onStart"));
        assertThat(jdbc.sql("SELECT instance FROM platform_job_run WHERE job = 'cases-on-start'").query(String.class).list())
                .hasSize(1).first().isIn(a.getBean(ClusterJobs.class).instance(), b.getBean(ClusterJobs.class).instance());

        // an instance that starts on its own later (after a crash) runs it again
        clock.advance(ClusterJobs.STARTUP_WINDOW.plusSeconds(1));
        ReflectionTestUtils.invokeMethod(casesB, "onStart");
        assertThat(count("SELECT count(*) FROM platform_job_run WHERE job = 'cases-on-start'")).isEqualTo(2);
    }

    @Test
    void aJobNeverRunsOnBothInstancesAtOnceAndASlotIsServedOnce() throws Exception {
        ClusterJobs jobsA = a.getBean(ClusterJobs.class);
        ClusterJobs jobsB = b.getBean(ClusterJobs.class);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        Runnable slowJob = () -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            runs.incrementAndGet();
            sleep(300);
            running.decrementAndGet();
        };
        for (ClusterJobs.Slot slot : ClusterJobs.Slot.values()) {
            runs.set(0);
            List<Boolean> ran = results(() -> jobsA.runOnce("test-" + slot, slot, slowJob),
                    () -> jobsB.runOnce("test-" + slot, slot, slowJob));
            assertThat(runs.get()).as(slot.name()).isEqualTo(1);
            assertThat(ran).as(slot.name()).containsExactlyInAnyOrder(true, false);
        }
        assertThat(overlaps.get()).isZero();

        // EXCLUSIVE only keeps runs apart: one after the other, both run
        runs.set(0);
        jobsA.runOnce("test-EXCLUSIVE", ClusterJobs.Slot.EXCLUSIVE, slowJob);
        jobsB.runOnce("test-EXCLUSIVE", ClusterJobs.Slot.EXCLUSIVE, slowJob);
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void aSessionSignedInOnOneInstanceIsServedByTheOtherAndEndsOnBothAtLogout() {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.postForm(portA, "/login",
                Map.of("username", KaaIntegrationTest.USER, "password", KaaIntegrationTest.PASSWORD));
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error", "rate"));

        HttpResponse<String> onB = browser.get(portB, "/malgrupp");
        assertThat(onB.statusCode()).as("instance B serves A's session").isEqualTo(200);
        assertThat(onB.body()).contains(KaaIntegrationTest.USER);
        assertThat(onB.headers().allValues("Set-Cookie")).as("B keeps A's session").noneMatch(c -> c.startsWith("JSESSIONID="));
        assertThat(browser.get(portA, "/malgrupp").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT max_inactive_interval FROM security_session WHERE principal_name = ?")
                .param(KaaIntegrationTest.USER).query(Integer.class).list()).as("the idle timeout, 30 minutes").contains(1800);

        HttpResponse<String> logout = browser.postForm(portB, "/logout", Map.of());
        assertThat(logout.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
        HttpResponse<String> afterLogout = browser.get(portA, "/malgrupp");
        assertThat(afterLogout.statusCode()).as("signed out on A too").isEqualTo(302);
        assertThat(afterLogout.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void failedLoginsCountOnBothInstances() {
        Browser browser = new Browser();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> failed = browser.postForm(i % 2 == 0 ? portA : portB, "/login",
                    Map.of("username", "spray-" + UUID.randomUUID(), "password", "fel-" + i));
            assertThat(failed.headers().firstValue("Location")).as("attempt " + i)
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        }
        for (int port : List.of(portA, portB)) {
            HttpResponse<String> limited = browser.postForm(port, "/login",
                    Map.of("username", KaaIntegrationTest.USER, "password", KaaIntegrationTest.PASSWORD));
            assertThat(limited.headers().firstValue("Location")).as("port " + port)
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login?rate"));
        }
    }

    @Test
    void anApiKeysRequestLimitCountsOnBothInstances() throws Exception {
        String key = a.getBean(ApiKeys.class).create("Elevregistret", Role.SYSTEM, Set.of(MunicipalityCode.of("2380")),
                Instant.parse("2030-01-01T00:00:00Z"), "test").secret();
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> requests = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                int port = i % 2 == 0 ? portA : portB;
                requests.add(pool.submit(() -> apiGet(http, port, "/api/v1/imports/999999", key).statusCode()));
            }
            for (Future<Integer> request : requests) {
                assertThat(request.get()).isNotIn(401, 429);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(apiGet(http, portA, MEMBERS, key).statusCode()).isEqualTo(429);
        assertThat(apiGet(http, portB, MEMBERS, key).statusCode()).isEqualTo(429);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** Runs both at the same moment, each on a thread of its own; their results in order. */
    @SafeVarargs
    private static <T> List<T> results(Callable<T>... work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(work.length);
        ExecutorService pool = Executors.newFixedThreadPool(work.length);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> w : work) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return w.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private static void atOnce(Runnable first, Runnable second) throws Exception {
        results(() -> {
            first.run();
            return null;
        }, () -> {
            second.run();
            return null;
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpResponse<String> apiGet(HttpClient http, int port, String path, String key) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One browser, one cookie jar, talking to either instance as a load balancer would send it. */
    static final class Browser {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new LocalhostCookies())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(int port, String path) {
            return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html").build());
        }

        /** POSTs a form with the CSRF token of the login page, served by the same instance. */
        HttpResponse<String> postForm(int port, String path, Map<String, String> fields) {
            Matcher csrf = CSRF.matcher(get(port, "/login").body());
            assertThat(csrf.find()).isTrue();
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", csrf.group(1));
            String body = all.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
