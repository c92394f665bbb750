package se.kaa.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import se.kaa.person.PersonDirectory;
import se.kaa.platform.database.EmbeddedPostgresServer;
import se.kaa.testsupport.StatementSampler;
import se.kaa.security.Role;
import se.kaa.security.internal.ApiKeys;
import se.kaa.security.internal.SignInProperties;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;

/**
 * Throughput and latency of {@code POST /api/v1/notices} under load, against a cheap authenticated
 * GET as the baseline, in the same run: N workers (a fixed thread pool, one shared
 * {@link HttpClient}, HTTP/1.1 on localhost) each send requests back to back, {@value #WARM_UP_SECONDS} s
 * of warm-up and then {@value #MEASURED_SECONDS} s measured, at concurrency {@link #CONCURRENCY}. Prints
 * requests per second, p50, p95, p99 and max over every measured request, and the count of answers
 * other than the expected one (which fails the benchmark, with the first body printed). Client and
 * server share the machine's cores, so the latencies are an upper bound of the server time.
 *
 * <ul>
 * <li>The client is what posts notices in production: a student register with an API key (role
 *     {@code SYSTEM}, municipality {@value #MUNICIPALITY}); the baseline is the same key on
 *     {@code GET /api/v1/school-units} (the register of {@value #UNITS} units, held in memory: the
 *     request's database work is the key's authentication and rate limit only).</li>
 * <li>The notices are {@code ABSENCE} notices for school unit {@value #UNIT}, each with its own
 *     Idempotency-Key, for the pupils in turn: Skatteverket's test personnummer born 2006–2012
 *     ({@code ../shared/testdata}), known as persons before the run. An absence changes no facts, so no
 *     recomputation follows: what is timed is the request itself (validation, the person, the notice,
 *     the audit entry on the hash chain).</li>
 * <li>While each level is measured, a thread of its own (on its own connection, outside the
 *     application's pool) samples {@code pg_stat_activity} every {@value #SAMPLE_MILLIS} ms and counts the
 *     active statements waiting on an advisory lock (the audit chain's, {@code JdbcAuditLog.CHAIN_LOCK}) out
 *     of all sampled, with the most frequent wait events.</li>
 * </ul>
 *
 * An API key may make 600 requests a minute, and the tests' clock stands still, so its bucket never
 * refills: the benchmark would get 429 after its first 600 requests. The limit is raised for this
 * class's own context (below), and the benchmark prints the limit in force. Surefire skips
 * *Benchmark classes; run it with
 *
 * <pre>
 * ./mvnw -q -B -T1 test -Dtest=NoticeThroughputBenchmark -Dkaa.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@KaaIntegrationTest
// 600 requests a minute per key with a clock that never moves: raised so that no request meets the limit
// (its own context, not the suite's)
@TestPropertySource(properties = "kaa.security.rate-limit.api-key-requests=" + NoticeThroughputBenchmark.KEY_LIMIT)
@EnabledIfSystemProperty(named = "kaa.benchmark", matches = "true")
class NoticeThroughputBenchmark {

    static final int KEY_LIMIT = 10_000_000;
    static final int WARM_UP_SECONDS = 3;
    static final int MEASURED_SECONDS = 10;
    static final List<Integer> CONCURRENCY = List.of(8, 32);
    static final int SAMPLE_MILLIS = 50;
    static final String MUNICIPALITY = "2380";
    static final String UNIT = "12345678";
    static final int UNITS = 25;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner cleaner;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired ApiKeys keys;
    @Autowired SignInProperties signIn;
    @Autowired PersonDirectory persons;
    @Autowired SchoolUnits schoolUnits;
    @Autowired EmbeddedPostgresServer database;
    @Autowired javax.sql.DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void noticesAgainstAnAuthenticatedGet() throws Exception {
        String key = freshDatabaseAndKey();
        LocalDate today = clock.today();
        List<SchoolUnits.Unit> units = new ArrayList<>();
        for (int i = 0; i < UNITS; i++) {
            units.add(new SchoolUnits.Unit(String.valueOf(Long.parseLong(UNIT) + i), "Skolenhet " + i, "Östersunds kommun",
                    EnumSet.of(SchoolType.GY), MunicipalityCode.of(MUNICIPALITY)));
        }
        schoolUnits.save(units, "CSV", "benchmark");
        List<String> pupils = pupils();
        persons.resolveOrCreate(pupils.stream().map(PersonalIdentityNumber::ofStored).toList());
        jdbc.sql("ANALYZE").update();

        SignInProperties.RateLimit limit = signIn.rateLimit();
        System.out.printf("%nNotice throughput benchmark: %d processors, database pool %d, %d s warm-up + %d s measured per level%n",
                Runtime.getRuntime().availableProcessors(), dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize(),
                WARM_UP_SECONDS, MEASURED_SECONDS);
        System.out.printf("  client: API key, role SYSTEM, municipality %s; %d pupils (Skatteverket's test numbers), %d school units%n",
                MUNICIPALITY, pupils.size(), UNITS);
        System.out.printf("  rate limit per API key: %,d per %s in force (default 600 per minute, and the tests' clock stands"
                + " still, so a bucket never refills: raised for this benchmark with @TestPropertySource"
                + " kaa.security.rate-limit.api-key-requests, else 429 after 600 requests)%n",
                limit.apiKeyRequests(), limit.apiKeyPeriod());

        String auth = "Bearer " + key;
        URI schoolUnitsUri = URI.create("http://localhost:" + port + "/api/v1/school-units");
        HttpRequest get = HttpRequest.newBuilder(schoolUnitsUri).header("Authorization", auth)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build();
        URI noticesUri = URI.create("http://localhost:" + port + "/api/v1/notices");
        String template = """
                {"type": "ABSENCE", "personnummer": "%s", "municipality": "%s", "schoolUnitCode": "%s",
                 "organiser": "Östersunds kommun", "schoolType": "GY", "programme": "NA", "date": "%s",
                 "absence": {"from": "%s", "to": "%s", "hours": 12.5}}""";
        AtomicInteger next = new AtomicInteger();
        IntFunction<HttpRequest> notice = worker -> {
            String pupil = pupils.get(Math.floorMod(next.getAndIncrement(), pupils.size()));
            String body = template.formatted(pupil, MUNICIPALITY, UNIT, today.minusDays(2), today.minusDays(52), today.minusDays(22));
            return HttpRequest.newBuilder(noticesUri).header("Authorization", auth)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString()).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        };

        long noticesBefore = count("notice");
        long posted = 0;
        for (int workers : CONCURRENCY) {
            measure("GET /api/v1/school-units", workers, i -> get, 200);
        }
        for (int workers : CONCURRENCY) {
            posted += measure("POST /api/v1/notices (ABSENCE)", workers, notice, 201);
        }
        System.out.printf("  notices stored %,d (answered 201: %,d), audit entries %,d%n", count("notice") - noticesBefore, posted,
                count("audit_entry"));
    }

    /**
     * One changed person to updated group and case: the pupils aged 16–19 are folkbokförda without a
     * school (members, each with an open case), then a START notice for each, one at a time. A notice's
     * recomputation and the case lifecycle run after its commit on the request's thread, so the answer
     * comes when her group and case are up to date: its latency is the figure. Checked after: none of
     * them is a member any more, and every case closed.
     */
    @Test
    void oneChangedPersonToUpdatedGroupAndCase() throws Exception {
        String key = freshDatabaseAndKey();
        LocalDate today = clock.today();
        schoolUnits.save(List.of(new SchoolUnits.Unit(UNIT, "Skolenhet", "Östersunds kommun", EnumSet.of(SchoolType.GY),
                MunicipalityCode.of(MUNICIPALITY))), "CSV", "benchmark");
        List<String> pupils = pupils().stream()
                .filter(p -> {
                    int age = PersonalIdentityNumber.ofStored(p).ageOn(today);
                    return age >= 16 && age <= 19;
                }).toList();
        StringBuilder csv = new StringBuilder("personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;"
                + "adress;postnummer;postort;skyddad;status\n");
        for (String p : pupils) {
            csv.append(p).append(";Elev;Elevsson;").append(MUNICIPALITY).append(";")
                    .append(PersonalIdentityNumber.ofStored(p).birthDate()).append(";;Storgatan 1;83130;Östersund;NEJ;NORMAL\n");
        }
        var upload = se.kaa.testsupport.WebSession.api(port).upload("/api/v1/imports/folkbokforing?municipality=" + MUNICIPALITY
                + "&asOf=" + today, "f.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        if (upload.statusCode() != 201) {
            throw new IllegalStateException("the snapshot was not imported: " + upload.statusCode() + " " + upload.body());
        }
        long open = jdbc.sql("SELECT count(*) FROM casework_case WHERE municipality = ? AND status = 'OPEN'")
                .param(MUNICIPALITY).query(Long.class).single();
        jdbc.sql("ANALYZE").update();
        String auth = "Bearer " + key;
        URI noticesUri = URI.create("http://localhost:" + port + "/api/v1/notices");
        long[] nanos = new long[pupils.size()];
        for (int i = 0; i < pupils.size(); i++) {
            String body = """
                    {"type": "START", "personnummer": "%s", "municipality": "%s", "schoolUnitCode": "%s",
                     "organiser": "Östersunds kommun", "schoolType": "GY", "programme": "NA", "date": "%s"}"""
                    .formatted(pupils.get(i), MUNICIPALITY, UNIT, today);
            HttpRequest request = HttpRequest.newBuilder(noticesUri).header("Authorization", auth)
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - t;
            if (r.statusCode() != 201) {
                throw new IllegalStateException("START notice answered " + r.statusCode() + ": " + r.body());
            }
        }
        long stillOpen = jdbc.sql("SELECT count(*) FROM casework_case WHERE municipality = ? AND status = 'OPEN'")
                .param(MUNICIPALITY).query(Long.class).single();
        long members = jdbc.sql("SELECT count(*) FROM membership_episode WHERE municipality = ? AND exited IS NULL")
                .param(MUNICIPALITY).query(Long.class).single();
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        // the first tenth warms the JIT up: reported apart
        int warm = sorted.length / 10;
        long[] measured = Arrays.copyOfRange(nanos, warm, nanos.length);
        Arrays.sort(measured);
        System.out.printf("%nOne changed person to updated group and case: %d members with open cases (%d), a START notice each, "
                        + "one at a time%n", pupils.size(), open);
        System.out.printf("  POST /api/v1/notices (START), after the first %d: p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms"
                        + "  (%d requests); afterwards %d cases open, %d members%n",
                warm, percentile(measured, 0.50), percentile(measured, 0.95), percentile(measured, 0.99),
                measured[measured.length - 1] / 1e6, measured.length, stillOpen, members);
        if (stillOpen != 0 || members != 0) {
            throw new IllegalStateException("every START should have closed her case and ended her membership");
        }
    }

    /**
     * Warm-up, then the measured period with the wait-event sampler beside it; prints one line and the
     * sampler's. Returns how many requests were answered {@code expected} in both.
     */
    private long measure(String what, int workers, IntFunction<HttpRequest> request, int expected) throws Exception {
        Load warmUp = load(workers, WARM_UP_SECONDS, request, expected);
        warmUp.failIfAny(what + ", warm-up");
        StatementSampler sampler = StatementSampler.start(database, SAMPLE_MILLIS);
        Load load;
        try {
            load = load(workers, MEASURED_SECONDS, request, expected);
        } finally {
            sampler.close();
        }
        long[] ms = load.nanos();
        Arrays.sort(ms);
        int n = ms.length;
        System.out.printf("  %-32s concurrency %2d: %7.1f req/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms"
                        + "  (%,d requests, %d non-%d)%n",
                what, workers, n / load.seconds(), percentile(ms, 0.50), percentile(ms, 0.95), percentile(ms, 0.99),
                ms[n - 1] / 1e6, n, load.failures(), expected);
        System.out.println("      " + summary(sampler));
        load.failIfAny(what + ", concurrency " + workers);
        return warmUp.nanos().length + (long) n;
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** The latencies of the answers as expected, how many were not, the first of those, and the time it took. */
    record Load(long[] nanos, int failures, String firstFailure, double seconds) {
        void failIfAny(String what) {
            if (failures > 0) {
                System.out.println("  first unexpected answer (" + what + "): " + firstFailure);
                throw new AssertionError(failures + " unexpected answers in " + what + "; the first: " + firstFailure);
            }
        }
    }

    /** {@code workers} threads, each sending its requests back to back until {@code seconds} have passed. */
    private Load load(int workers, int seconds, IntFunction<HttpRequest> request, int expected) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> first = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<long[]>> results = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                int worker = w;
                results.add(pool.submit(() -> {
                    long[] nanos = new long[4096];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        HttpRequest r = request.apply(worker);
                        long t = System.nanoTime();
                        HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        long took = System.nanoTime() - t;
                        if (answer.statusCode() != expected) {
                            failures.incrementAndGet();
                            first.compareAndSet(null, answer.statusCode() + " " + answer.body());
                            continue;
                        }
                        if (n == nanos.length) {
                            nanos = Arrays.copyOf(nanos, n * 2);
                        }
                        nanos[n++] = took;
                    }
                    return Arrays.copyOf(nanos, n);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : results) {
                all.add(f.get());
            }
            double took = (System.nanoTime() - start) / 1e9;
            long[] nanos = all.stream().flatMapToLong(Arrays::stream).toArray();
            return new Load(nanos, failures.get(), first.get(), took);
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many sampled statements waited on an advisory lock (the audit chain's), and the top wait events. */
    private static String summary(StatementSampler sampler) {
        if (sampler.failure() != null) {
            return sampler.failure();
        }
        long advisory = sampler.waitingOn("Lock/advisory");
        long sampled = sampler.sampled();
        return String.format("pg_stat_activity, %d samples: %,d of %,d sampled active statements waited on an advisory lock"
                + " (%.0f %%); by wait event: %s", sampler.samples(), advisory, sampled,
                sampled == 0 ? 0.0 : 100.0 * advisory / sampled, sampler.topEvents(5));
    }

    /** Skatteverket's test personnummer born 2006–2012 (the ages KAA follows), from ../shared/testdata. */
    /** An empty database, the clock reset, and a new API key of role SYSTEM for the municipality. */
    private String freshDatabaseAndKey() {
        cleaner.clean();
        clock.reset();
        return keys.create("Elevregistret (benchmark)", Role.SYSTEM, Set.of(MunicipalityCode.of(MUNICIPALITY)),
                clock.instant().plus(Duration.ofDays(365)), "benchmark").secret();
    }

    private static List<String> pupils() throws Exception {
        for (Path p : List.of(Path.of("../shared/testdata/testpersonnummer.txt"), Path.of("/work/shared/testdata/testpersonnummer.txt"))) {
            if (Files.exists(p)) {
                List<String> numbers = Files.readAllLines(p).stream().map(String::strip)
                        .filter(s -> s.matches("20(0[6-9]|1[0-2])\\d{8}")).toList();
                if (numbers.isEmpty()) {
                    throw new IllegalStateException("no test personnummer born 2006–2012 in " + p);
                }
                return numbers;
            }
        }
        throw new IllegalStateException("Skatteverket's test personnummer (../shared/testdata/testpersonnummer.txt) are missing");
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
