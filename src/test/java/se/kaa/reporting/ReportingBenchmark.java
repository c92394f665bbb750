package se.kaa.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.casework.lifecycle.CaseLifecycle;
import se.kaa.reporting.scb.ScbExports;
import se.kaa.reporting.scb.ScbReturns;
import se.kaa.security.Role;
import se.kaa.shared.HalfYear;
import se.kaa.shared.MunicipalityCode;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * Reporting on a municipality of {@value #MEMBERS} members over a year and a half, with a year of
 * casework (contacts every few months, occupations, measures): generated straight in the database
 * (checksum-valid numbers made up at run time, never committed; the cases opened and closed by the
 * real lifecycle), then timed: the SCB return of the last ended half-year built, validated and exported
 * (both files stored), and the manager's overview {@code GET /oversikt} over HTTP on localhost (an upper
 * bound of the server time). Prints median, p95 and max. Surefire skips *Benchmark classes; run it with
 *
 * <pre>
 * ./mvnw -q -B -T1 test -Dtest=ReportingBenchmark -Dkaa.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@KaaIntegrationTest
@EnabledIfSystemProperty(named = "kaa.benchmark", matches = "true")
class ReportingBenchmark {

    static final int MEMBERS = Integer.getInteger("benchmark.members", 20_000);

    @LocalServerPort int port;
    @Autowired DatabaseCleaner cleaner;
    @Autowired TestClock clock;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired JdbcTemplate template;
    @Autowired CaseLifecycle lifecycle;
    @Autowired ScbReturns returns;
    @Autowired ScbExports exports;
    @Autowired se.kaa.casework.PeriodRecords periodRecords;
    @Autowired se.kaa.casework.Caseload caseload;
    @Autowired se.kaa.reporting.board.BoardReports board;

    @Test
    void reportingOnTwentyThousandMembers() {
        cleaner.clean();
        clock.reset();
        users.ensure();
        LocalDate today = clock.today();
        long t0 = System.nanoTime();
        generate(today);
        System.out.printf("generated %d members with a year of casework in %.1f s%n", MEMBERS, (System.nanoTime() - t0) / 1e9);
        System.out.printf("  cases %d (open %d), attempts %d, occupations %d, measures %d%n",
                count("casework_case"), jdbc.sql("SELECT count(*) FROM casework_case WHERE status = 'OPEN'").query(Long.class).single(),
                count("casework_contact_attempt"), count("casework_occupation"), count("casework_measure"));
        jdbc.sql("ANALYZE").update();

        MunicipalityCode m = MunicipalityCode.of("2380");
        HalfYear period = HalfYear.of(today).previous();
        ScbReturns.Built[] last = new ScbReturns.Built[1];
        time("SCB return " + period + ": build and validate", 3, 10, () -> {
            last[0] = returns.build(m, period);
            return (long) last[0].lines().size();
        });
        System.out.printf("  records %d, errors %d, warnings %d%n", last[0].lines().size(), last[0].errors(), last[0].warnings());
        time("SCB return " + period + ": build, validate and export (xlsx + text stored)", 2, 8, () -> {
            ScbReturns.Built built = returns.build(m, period);
            return (long) exports.export(built, "benchmark", "benchmark").version();
        });
        time("SCB diff of the last two versions", 2, 8, () -> {
            int v = exports.list(m, period).get(0).version();
            return (long) exports.diff(m, period, v, v - 1).changed().size();
        });
        time("board report " + period + " (figures, suppression)", 2, 10, () -> (long) board.build(m, period).sections().size());
        time("board report " + period + " as PDF/UA", 2, 5, () -> {
            HttpResponse<byte[]> pdf = WebSession.api(port, TestUsers.basic(Role.ENHETSCHEF))
                    .getBytes("/api/v1/reports/board/2380/" + period + ".pdf");
            assertThat(pdf.statusCode()).isEqualTo(200);
            return (long) pdf.body().length;
        });
        HalfYear now = HalfYear.of(today);
        time("PeriodRecords.of " + period + " (the return's facts)", 3, 10, () -> (long) periodRecords.of(m, period.first(), period.last()).size());
        time("PeriodRecords.counted " + now + " so far (the overview's)", 5, 20, () -> (long) periodRecords.counted(m, now.first(), today).size());
        time("Caseload.of (the overview's tiles and stages)", 5, 20, () -> caseload.of(m).open());
        WebSession manager = new WebSession(port);
        manager.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
        time("GET /oversikt (HTTP, enhetschef)", 10, 50, () -> {
            HttpResponse<String> r = manager.get("/oversikt?municipality=2380");
            assertThat(r.statusCode()).isEqualTo(200);
            return (long) r.body().length();
        });
        time("GET /arenden.xlsx, every open case with personnummer (HTTP, enhetschef)", 2, 8, () -> {
            HttpResponse<byte[]> r = manager.getBytes("/arenden.xlsx?municipality=2380&assignee=everyone");
            assertThat(r.statusCode()).isEqualTo(200);
            return (long) r.body().length;
        });
        time("GET /arenden.csv, every open case with personnummer (HTTP, enhetschef)", 2, 8, () -> {
            HttpResponse<String> r = manager.get("/arenden.csv?municipality=2380&assignee=everyone");
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body().lines().count() - 2;
        });
        time("GET /arenden.csv, the cases not contacted (HTTP, enhetschef)", 2, 8, () -> {
            HttpResponse<String> r = manager.get("/arenden.csv?municipality=2380&assignee=everyone&category=not-contacted");
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body().lines().count() - 2;
        });
    }

    private void time(String what, int warmUp, int runs, Supplier<Long> run) {
        for (int i = 0; i < warmUp; i++) {
            run.get();
        }
        List<Double> ms = new ArrayList<>();
        long result = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            result = run.get();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf("  %-75s median %7.1f ms  p95 %7.1f ms  max %7.1f ms  (result %d)%n", what,
                ms.get(runs / 2), ms.get((int) Math.ceil(runs * 0.95) - 1), ms.get(runs - 1), result);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    /**
     * Persons aged 15–19 with checksum-valid made-up numbers, episodes entered over the last 18 months (two
     * in five ended, with every exit reason), the cases the lifecycle opens and closes from them, and the
     * casework of a unit that works them: a first attempt within days, a contact every three to four
     * months, an occupation, a measure for most (some declined, some ended).
     */
    private void generate(LocalDate today) {
        List<Object[]> persons = new ArrayList<>();
        LocalDate firstBirth = today.minusYears(20).plusDays(30);
        for (int i = 0; i < MEMBERS; i++) {
            LocalDate birth = firstBirth.plusDays((i * 7L) % (365L * 4));
            String nine = String.format("%02d%02d%02d%03d", birth.getYear() % 100, birth.getMonthValue(), birth.getDayOfMonth(),
                    (i / 1460) % 1000);
            persons.add(new Object[] {birth.getYear() / 100 + nine + luhn(nine), Date.valueOf(birth), "Förnamn" + i, "Efternamn" + (i % 997)});
        }
        template.batchUpdate("INSERT INTO person (pnr, birth_date, given_name, family_name) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                persons);
        jdbc.sql("""
                INSERT INTO membership_episode (person_id, municipality, entered, reason, entry_kind, rule_set, computed_at, exited, exit_reason)
                SELECT p.id, '2380', e.entered, (ARRAY['AVBROTT', 'STUDIEBEVIS', 'EJ_PABORJAT', 'INVANDRAD'])[1 + n % 4],
                       'LEFT_SCHOOL', 'V2023', now(),
                       CASE WHEN n % 5 < 2 THEN LEAST(e.entered + 30 + n % 300, CAST(:today AS date)) END,
                       CASE WHEN n % 5 < 2 THEN (ARRAY['FYLLT_20', 'UTFLYTTAD', 'PABORJAT_UTBILDNING', 'EXAMEN', 'AVLIDEN', 'UTVANDRAD'])[1 + n % 6] END
                FROM (SELECT id, CAST(row_number() OVER (ORDER BY pnr) AS integer) AS n FROM person) p
                CROSS JOIN LATERAL (SELECT CAST(:today AS date) - 540 + CAST(p.n * 37 % 530 AS integer) AS entered) e""")
                .param("today", today).update();
        jdbc.sql("DELETE FROM membership_episode WHERE exited IS NOT NULL AND exited <= entered").update();
        lifecycle.synchronise(null, today);
        // those who left before: the case the unit worked then, closed on the day her membership ended
        jdbc.sql("""
                INSERT INTO casework_case (person_id, municipality, status, entered, reason, closed_on, exit_reason, created_at, updated_at)
                SELECT e.person_id, e.municipality, 'CLOSED', e.entered, e.reason, e.exited, e.exit_reason, now(), now()
                FROM membership_episode e
                WHERE e.exited IS NOT NULL AND NOT EXISTS (SELECT 1 FROM casework_case c WHERE c.person_id = e.person_id)""")
                .update();
        jdbc.sql("""
                INSERT INTO casework_measure_type (municipality, code, name, reporting_category)
                VALUES ('2380', 'SYV', 'Studie- och yrkesvägledning', 'VAGLEDNING'), ('2380', 'PRAKTIK', 'Praktik', 'PRAKTIK'),
                       ('2380', 'MI', 'Motiverande samtal', 'MOTIVATION'), ('2380', 'OVR', 'Annat', 'OVRIGT')
                ON CONFLICT DO NOTHING""").update();
        jdbc.sql("""
                CREATE TEMPORARY TABLE bench_worked AS
                SELECT c.id, c.entered, CAST(c.id % 100 AS integer) AS k, COALESCE(c.closed_on - 1, CAST(:today AS date)) AS until
                FROM casework_case c WHERE c.municipality = '2380'""").param("today", today).update();
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, recorded_by, recorded_at)
                SELECT w.id, (w.entered + 2 + g * (95 + w.k % 30)) + time '10:00', 'PHONE',
                       CASE WHEN w.k < 60 OR g > 0 THEN 'REACHED' ELSE 'NO_ANSWER' END, 'worker', now()
                FROM bench_worked w CROSS JOIN generate_series(0, 6) g
                WHERE w.k < 90 AND w.entered + 2 + g * (95 + w.k % 30) < w.until""").update();
        jdbc.sql("""
                INSERT INTO casework_occupation (case_id, type, source, verified_on, recorded_by, recorded_at)
                SELECT w.id, (ARRAY['WORK', 'STUDIES_KOMVUX', 'NO_OCCUPATION', 'STUDIES_FOLKHOGSKOLA', 'SICK'])[1 + w.k % 5],
                       'YOUNG_PERSON', w.entered + 3 + g * 120, 'worker', now()
                FROM bench_worked w CROSS JOIN generate_series(0, 3) g
                WHERE w.k < 70 AND w.entered + 3 + g * 120 < w.until""").update();
        jdbc.sql("""
                INSERT INTO casework_measure (case_id, measure_type_id, responsible, status, offered_on, decided_on, starts, ends,
                                              end_reason, follow_up, recorded_by, recorded_at)
                SELECT w.id, t.id, 'MUNICIPALITY', s.status, w.entered + 10,
                       CASE WHEN s.status <> 'OFFERED' THEN w.entered + 12 END,
                       CASE WHEN s.status IN ('ACCEPTED', 'ENDED') THEN w.entered + 16 END,
                       CASE WHEN s.status = 'ENDED' THEN w.entered + 106 END,
                       CASE WHEN s.status IN ('ENDED', 'DECLINED') THEN 'klar' END,
                       CASE WHEN s.status IN ('OFFERED', 'ACCEPTED') THEN w.until + 10 END, 'worker', now()
                FROM bench_worked w
                JOIN LATERAL (SELECT id FROM casework_measure_type WHERE municipality = '2380' ORDER BY id OFFSET (w.k % 4) LIMIT 1) t ON true
                CROSS JOIN LATERAL (SELECT CASE WHEN w.k % 5 = 0 THEN 'OFFERED' WHEN w.k % 7 = 3 THEN 'DECLINED'
                                                WHEN w.k % 5 = 1 AND w.entered + 106 < w.until THEN 'ENDED' ELSE 'ACCEPTED' END AS status) s
                WHERE w.k < 80 AND w.entered + 16 < w.until""").update();
        jdbc.sql("UPDATE casework_case SET assignee = 'worker-' || (id % 8) WHERE id % 10 <> 0").update();
        jdbc.sql("DROP TABLE bench_worked").update();
    }

    private static int luhn(String nine) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int d = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }
}
