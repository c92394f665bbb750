package se.kaa.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
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
import se.kaa.testsupport.GeneratedCasework;
import se.kaa.testsupport.SyntheticNumbers;
import se.kaa.testsupport.Timing;
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
        Timing.time(what, warmUp, runs, run);
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
            persons.add(new Object[] {SyntheticNumbers.personnummer(birth, (i / 1460) % 1000), Date.valueOf(birth), "Förnamn" + i, "Efternamn" + (i % 997)});
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
        GeneratedCasework.generate(jdbc, today);
    }
}
