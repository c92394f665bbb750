package se.kaa.demo.internal;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.demo.DemoData.PopulationRow;
import se.kaa.demo.DemoData.Snapshot;
import se.kaa.demo.DemoData;
import se.kaa.demo.DemoDataGenerator;
import se.kaa.demo.TestPersonnummer;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo data through the real import pipeline into the embedded database. */
@KaaIntegrationTest
class DemoDataLoaderIntegrationTest {

    @Autowired
    DemoDataLoader loader;
    @Autowired
    DatabaseCleaner cleaner;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    se.kaa.casework.worklist.Worklist worklist;

    record Batch(String source, String municipality, String asOf, String fileName, int accepted, int rejected,
            String uploadedBy) {
    }

    @BeforeEach
    void setUp() {
        cleaner.clean();
        clock.reset();
    }

    @Test
    void loadsTheDemoMunicipalityIntoAnEmptyDatabaseThroughTheImportPipeline() {
        DemoData expected = DemoDataGenerator.generate(clock.today(), TestPersonnummer.load());

        assertThat(loader.loadIfEmpty()).isTrue();

        List<Batch> batches = jdbc.sql("""
                SELECT source, municipality, as_of, file_name, rows_accepted, rows_rejected, uploaded_by
                FROM import_batch ORDER BY id""")
                .query((rs, n) -> new Batch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getInt(6), rs.getString(7)))
                .list();
        assertThat(batches).extracting(Batch::source).containsExactly(
                "FOLKBOKFORING", "FOLKBOKFORING", "FOLKBOKFORING", "INSKRIVNINGAR", "EXAMINA", "ANTAGNING");
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.municipality()).isEqualTo("9999");
            assertThat(b.uploadedBy()).isEqualTo(DemoDataLoader.USERNAME);
            assertThat(b.rejected()).as("rejected rows in %s", b.fileName()).isZero();
        });
        List<Snapshot> snapshots = expected.snapshots();
        for (int i = 0; i < snapshots.size(); i++) {
            assertThat(batches.get(i).asOf()).isEqualTo(snapshots.get(i).asOf().toString());
            assertThat(batches.get(i).accepted()).isEqualTo(snapshots.get(i).rows().size());
        }
        assertThat(batches.get(3).accepted()).isEqualTo(expected.enrolments().size());
        assertThat(batches.get(4).accepted()).isEqualTo(expected.credentials().size());
        assertThat(batches.get(5).accepted()).isEqualTo(expected.admissions().size());

        assertThat(count("population_record")).isEqualTo(snapshots.stream().mapToInt(s -> s.rows().size()).sum());
        assertThat(count("enrolment")).isEqualTo(expected.enrolments().size());
        assertThat(count("credential")).isEqualTo(expected.credentials().size());
        assertThat(count("admission")).isEqualTo(expected.admissions().size());
        assertThat(count("person")).isEqualTo(expected.persons().size());
        long protectedInLatest = expected.latestSnapshot().rows().stream().filter(PopulationRow::protectedIdentity).count();
        assertThat(jdbc.sql("SELECT count(*) FROM population_record WHERE as_of = ? AND protected_identity")
                .param(expected.latestSnapshot().asOf()).query(Long.class).single()).isEqualTo(protectedInLatest);
    }

    /**
     * The demo looks like a unit that has worked its cases: most are assigned to its case workers (never
     * to the unit manager) and have been contacted, a minority is late – not 38 overdue cases of 42, all
     * unassigned.
     */
    @Test
    void theDemoCasesHaveTheHistoryOfAWorkingUnit() {
        for (String[] u : new String[][] {{"demo-anna", "HANDLAGGARE"}, {"demo-erik", "HANDLAGGARE"}, {"demo-eva", "ENHETSCHEF"}}) {
            long id = jdbc.sql("""
                    INSERT INTO app_user (username, password_hash, display_name) VALUES (?, 'x', ?) RETURNING id""")
                    .params(u[0], u[0]).query(Long.class).single();
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?)").params(id, u[1]).update();
            jdbc.sql("INSERT INTO user_municipality (user_id, municipality) VALUES (?, '9999')").param(id).update();
        }
        assertThat(loader.loadIfEmpty()).isTrue();

        se.kaa.casework.worklist.Worklist.Page page = worklist.list(se.kaa.shared.MunicipalityCode.of("9999"),
                se.kaa.casework.worklist.Worklist.Filter.everything(), 0, 1000);
        long open = page.total();
        assertThat(open).isGreaterThan(20);
        assertThat(page.rows()).filteredOn(r -> r.assignee() == null).as("a backlog to hand out").isNotEmpty();
        assertThat(page.rows()).filteredOn(r -> r.assignee() != null).hasSizeGreaterThan((int) (open * 0.7))
                .allSatisfy(r -> assertThat(r.assignee()).isIn("demo-anna", "demo-erik"));
        assertThat(page.rows()).filteredOn(r -> r.firstAttempt().done()).hasSizeGreaterThan((int) (open * 0.7));
        assertThat(page.rows()).filteredOn(r -> r.firstContact().done()).hasSizeGreaterThan((int) (open * 0.5));
        assertThat(page.overdue()).as("overdue of %d", open).isPositive().isLessThan(open / 2);
        assertThat(count("casework_occupation")).isPositive();
        assertThat(count("casework_measure")).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'CASE_CONTACT_RECORDED'")
                .query(Long.class).single()).as("audited").isPositive();

        // closed cases with every exit reason, each closed on the day her membership ended and worked
        // (assigned, contacted) before that day, not after it
        assertThat(jdbc.sql("SELECT DISTINCT exit_reason FROM casework_case WHERE status = 'CLOSED'").query(String.class).list())
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(se.kaa.targetgroup.ExitReason.values())
                        .map(Enum::name).toList());
        for (String reason : List.of("FYLLT_20", "EXAMEN")) {
            // those who left before the demo was loaded: opened on the episode's entry, closed on its end
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM casework_case c WHERE c.status = 'CLOSED' AND c.exit_reason = ?
                      AND NOT EXISTS (SELECT 1 FROM membership_episode e WHERE e.person_id = c.person_id
                                      AND e.municipality = c.municipality AND e.entered = c.entered
                                      AND e.exited = c.closed_on AND e.exit_reason = c.exit_reason)""").param(reason)
                    .query(Long.class).single()).as("closed as her episode ended: " + reason).isZero();
        }
        // worked like the open ones, but only before they closed
        long closed = jdbc.sql("SELECT count(*) FROM casework_case WHERE status = 'CLOSED'").query(Long.class).single();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM casework_case c WHERE c.status = 'CLOSED' AND c.assignee IS NOT NULL
                  AND EXISTS (SELECT 1 FROM casework_contact_attempt a WHERE a.case_id = c.id)""")
                .query(Long.class).single()).as("closed cases assigned and tried, of %d", closed).isGreaterThan(closed / 2);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM casework_contact_attempt a JOIN casework_case c ON c.id = a.case_id
                WHERE c.status = 'CLOSED' AND CAST(a.attempted_at AT TIME ZONE 'Europe/Stockholm' AS date) >= c.closed_on""")
                .query(Long.class).single()).as("attempts on or after a case closed").isZero();
        // the timeline reads in order: opened on the entry day, closed on the exit day, not "today"
        assertThat(jdbc.sql("""
                SELECT count(*) FROM casework_case_event WHERE kind IN ('OPENED', 'CLOSED') AND on_date < CAST(? AS date)
                  AND CAST(occurred_at AT TIME ZONE 'Europe/Stockholm' AS date) <> on_date""").param(clock.today())
                .query(Long.class).single()).as("opened or closed events dated otherwise than their day").isZero();
    }

    /** The demo's case workers exist for that test only: other classes list the users of a municipality. */
    @org.junit.jupiter.api.AfterEach
    void withoutTheDemoUsers() {
        jdbc.sql("DELETE FROM app_user WHERE username IN ('demo-anna', 'demo-erik', 'demo-eva')").update();
    }

    @Test
    void loadsNothingOnceAnythingWasImported() {
        assertThat(loader.loadIfEmpty()).isTrue();

        assertThat(loader.loadIfEmpty()).isFalse();
        assertThat(count("import_batch")).isEqualTo(6);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
