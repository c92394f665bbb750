package se.kaa.casework;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.casework.worklist.Worklist;
import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.PageLoad;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.Timing;
import se.kaa.testsupport.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worklist with 5,000 open cases in one municipality (and 2,000 in another): generated straight
 * in the database with contact attempts, occupations, measures and enrolments, then the worklist
 * query alone and the whole page {@code GET /arenden} (over HTTP on localhost: an upper bound of the
 * server time) are timed over 50 runs after 10 warm-up runs; prints median and p95. The generated
 * identity numbers are not personnummer at all ({@code B0000000001}, …). Surefire skips *Benchmark
 * classes; run it with
 *
 * <pre>
 * ./mvnw -q -B -T1 test -Dtest=WorklistBenchmark -Dkaa.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@KaaIntegrationTest
@EnabledIfSystemProperty(named = "kaa.benchmark", matches = "true")
class WorklistBenchmark {

    static final int CASES = Integer.getInteger("benchmark.cases", 5_000);
    static final int WARM_UP = 10;
    static final int RUNS = 50;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner cleaner;
    @Autowired TestClock clock;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired Worklist worklist;

    @Test
    void worklistOf5000OpenCases() {
        cleaner.clean();
        clock.reset();
        users.ensure();
        long t0 = System.nanoTime();
        generate("2380", CASES, 0);
        generate("2361", 2_000, CASES);
        jdbc.sql("ANALYZE").update();
        System.out.printf("%nWorklist benchmark: %d open cases in 2380 (+2,000 in 2361) generated in %d ms, %d processors%n",
                CASES, (System.nanoTime() - t0) / 1_000_000, Runtime.getRuntime().availableProcessors());

        MunicipalityCode m = MunicipalityCode.of("2380");
        if (Boolean.getBoolean("benchmark.explain")) {
            System.out.println(worklist.explain(m, Worklist.Filter.everything(), 0, 50));
        }
        report("query, everyone, page 1 of 50", () -> worklist.list(m, Worklist.Filter.everything(), 0, 50).total());
        report("query, overdue only, page 3", () -> worklist.list(m,
                new Worklist.Filter(null, false, null, null, null, true, null, null), 2, 50).total());
        report("query, category ATTEMPT_DUE", () -> worklist.list(m,
                new Worklist.Filter(null, false, null, null, null, false, Worklist.Category.ATTEMPT_DUE, null), 0, 50).total());
        report("query, one case worker's", () -> worklist.list(m,
                new Worklist.Filter("worker-3", false, null, null, null, false, null, null), 0, 50).total());

        WebSession web = new WebSession(port);
        web.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD);
        report("page GET /arenden (HTTP, render, audit)", () -> {
            HttpResponse<String> r = web.get("/arenden?municipality=2380");
            assertThat(r.statusCode()).isEqualTo(200);
            return (long) r.body().length();
        });
        report("page GET /arenden?category=NOT_CONTACTED&overdue=true", () -> {
            HttpResponse<String> r = web.get("/arenden?municipality=2380&category=NOT_CONTACTED&overdue=true");
            assertThat(r.statusCode()).isEqualTo(200);
            return (long) r.body().length();
        });
        int users = Integer.getInteger("benchmark.users", 50);
        if (!"false".equals(System.getProperty("benchmark.saturation"))) {
            concurrently(users, 0);
        }
        concurrently(users, Integer.getInteger("benchmark.think", 5_000));
    }

    /**
     * {@code users} signed-in users (own sessions) asking for the worklist page over and over
     * ({@link PageLoad}): for {@value #CONCURRENT_SECONDS} s without think time, three times as long with.
     */
    private void concurrently(int users, int thinkMs) {
        List<WebSession> sessions = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            WebSession s = new WebSession(port);
            s.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD);
            sessions.add(s);
        }
        PageLoad.run("page GET /arenden, " + users + " users at once", sessions, "/arenden?municipality=2380", thinkMs,
                thinkMs > 0 ? 3 * CONCURRENT_SECONDS : CONCURRENT_SECONDS);
    }

    static final int CONCURRENT_SECONDS = 20;

    private static void report(String what, Supplier<Long> run) {
        Timing.time(what, WARM_UP, RUNS, run);
    }

    /** Persons, open cases, enrolments, attempts, occupations and measures, set-based. */
    private void generate(String municipality, int n, int offset) {
        jdbc.sql("""
                INSERT INTO person (pnr, birth_date, given_name, family_name)
                SELECT 'B' || lpad(CAST(i AS text), 11, '0'), DATE '2006-12-01' + (i * 7) % 1460,
                       'Förnamn' || i, 'Efternamn' || (i % 997)
                FROM generate_series(:from, :to) i""")
                .param("from", offset + 1).param("to", offset + n).update();
        jdbc.sql("""
                INSERT INTO casework_case (person_id, municipality, status, entered, reason, assignee, created_at, updated_at)
                SELECT p.id, :m, 'OPEN', DATE '2026-11-22' - (CAST(substr(p.pnr, 2) AS integer) * 13) % 400,
                       (ARRAY['AVBROTT', 'STUDIEBEVIS', 'EJ_PABORJAT', 'INVANDRAD'])[1 + CAST(substr(p.pnr, 2) AS integer) % 4],
                       CASE WHEN CAST(substr(p.pnr, 2) AS integer) % 5 = 0 THEN NULL
                            ELSE 'worker-' || (CAST(substr(p.pnr, 2) AS integer) % 10) END,
                       now(), now()
                FROM person p WHERE p.pnr LIKE 'B%' AND CAST(substr(p.pnr, 2) AS integer) BETWEEN :from AND :to""")
                .param("m", municipality).param("from", offset + 1).param("to", offset + n).update();
        String mine = "c.municipality = '" + municipality + "'";
        jdbc.sql("""
                INSERT INTO enrolment (person_id, school_unit_code, school_type, programme, start_date, end_date, end_reason,
                                       source, received_at)
                SELECT c.person_id, lpad(CAST(10000000 + c.id % 25 AS text), 8, '0'), 'GY', 'NA', DATE '2023-08-20',
                       DATE '2025-06-10', 'AVBROTT', 'BENCHMARK', now()
                FROM casework_case c WHERE MINE""".replace("MINE", mine)).update();
        // 0–3 attempts on 70 % of the cases, some reached, some with a next attempt due
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, next_attempt_due, recorded_by, recorded_at)
                SELECT c.id, (c.entered + k * 5 + 1) + time '10:00', 'PHONE',
                       CASE WHEN (c.id + k) % 4 = 0 THEN 'REACHED' WHEN (c.id + k) % 7 = 0 THEN 'REFUSED' ELSE 'NO_ANSWER' END,
                       CASE WHEN (c.id + k) % 3 = 0 THEN c.entered + k * 5 + 10 END, 'worker', now()
                FROM casework_case c CROSS JOIN generate_series(0, 2) k
                WHERE MINE AND c.id % 10 < 7 AND k <= c.id % 3""".replace("MINE", mine)).update();
        jdbc.sql("""
                INSERT INTO casework_occupation (case_id, type, source, verified_on, recorded_by, recorded_at)
                SELECT c.id, (ARRAY['WORK', 'STUDIES_KOMVUX', 'NO_OCCUPATION', 'SICK'])[1 + c.id % 4], 'YOUNG_PERSON',
                       DATE '2026-11-22' - CAST((c.id * 17) % 200 AS integer), 'worker', now()
                FROM casework_case c WHERE MINE AND c.id % 5 < 2""".replace("MINE", mine)).update();
        jdbc.sql("""
                INSERT INTO casework_measure_type (municipality, code, name, reporting_category)
                VALUES (:m, 'SYV', 'Studie- och yrkesvägledning', 'VAGLEDNING') ON CONFLICT DO NOTHING""")
                .param("m", municipality).update();
        jdbc.sql("""
                INSERT INTO casework_measure (case_id, measure_type_id, responsible, status, offered_on, starts, ends, follow_up,
                                              recorded_by, recorded_at)
                SELECT c.id, t.id, 'MUNICIPALITY', (ARRAY['OFFERED', 'ACCEPTED', 'DECLINED', 'ENDED'])[1 + c.id % 4],
                       c.entered + 3, c.entered + 10, DATE '2026-11-22' + CAST(c.id % 60 AS integer) - 20, DATE '2026-11-22' + CAST(c.id % 30 AS integer) - 10,
                       'worker', now()
                FROM casework_case c JOIN casework_measure_type t ON t.municipality = c.municipality AND t.code = 'SYV'
                WHERE MINE AND c.id % 10 >= 7 AND c.entered + 10 <= DATE '2026-11-22' + CAST(c.id % 60 AS integer) - 20""".replace("MINE", mine)).update();
    }
}
