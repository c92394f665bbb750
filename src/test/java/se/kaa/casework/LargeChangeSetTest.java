package se.kaa.casework;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.casework.assignment.AssignmentRules;
import se.kaa.casework.lifecycle.CaseLifecycle;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A big municipality's first load must finish: the case lifecycle and the assignment rules over
 * 50,000 named persons and cases. With the id list given as one text literal cast in the WHERE
 * clause, PostgreSQL re-parsed it for every row checked – quadratic: 16,000 ids took 121 s, 50,000
 * would take about 20 minutes. Now it is cast once; this takes seconds. (Persons and episodes are
 * made in SQL with identity numbers that are not personnummer; the import is not under test here.)
 */
@KaaIntegrationTest
class LargeChangeSetTest {

    static final int PERSONS = 50_000;

    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired CaseLifecycle lifecycle;
    @Autowired AssignmentRules rules;

    @BeforeEach
    void fiftyThousandMembers() {
        database.clean();
        clock.reset();
        staleStatisticsOfClosedCasesAndEndedEpisodes();
        jdbc.sql("""
                INSERT INTO person (pnr, birth_date)
                SELECT 'L' || lpad(n::text, 11, '0'), DATE '2008-01-01' + (n % 700) FROM generate_series(1, ?) n""")
                .param(PERSONS).update();
        jdbc.sql("""
                INSERT INTO membership_episode (person_id, municipality, entered, reason, entry_kind, rule_set, computed_at)
                SELECT id, '2380', DATE '2026-10-01', 'AVBROTT', 'LEFT_SCHOOL', 'V2023', now() FROM person""").update();
    }

    /**
     * What an earlier run can leave the planner: statistics of tables of closed cases and ended
     * episodes, emptied since (TRUNCATE keeps a table's column statistics). Planned on them, an open
     * case and a current episode are rare, and joining 50,000 of each ran for minutes: by a nested loop
     * over the episodes (it timed out in CI, depending on which test ran before this one), and – with
     * nested loops off – by a merge join on the municipality alone with the person as a filter (it timed
     * out in a local run, depending on whether autovacuum had analysed the episodes first).
     */
    private void staleStatisticsOfClosedCasesAndEndedEpisodes() {
        jdbc.sql("""
                INSERT INTO person (pnr, birth_date)
                SELECT 'S' || lpad(n::text, 11, '0'), DATE '2008-01-01' FROM generate_series(1, 2000) n""").update();
        jdbc.sql("""
                INSERT INTO casework_case (person_id, municipality, status, entered, reason, closed_on, exit_reason, created_at, updated_at)
                SELECT id, '2380', 'CLOSED', DATE '2025-01-01', 'AVBROTT', DATE '2025-06-01', 'FYLLT_20', now(), now() FROM person""").update();
        jdbc.sql("""
                INSERT INTO membership_episode (person_id, municipality, entered, exited, exit_reason, reason, entry_kind, rule_set, computed_at)
                SELECT id, '2380', DATE '2024-10-01', DATE '2025-01-01', 'FYLLT_20', 'AVBROTT', 'LEFT_SCHOOL', 'V2023', now() FROM person""").update();
        jdbc.sql("ANALYZE person, casework_case, membership_episode").update();
        database.clean();
    }

    @AfterEach
    void cleanUp() {
        database.clean();
    }

    @Test
    void theLifecycleAndTheAssignmentRulesOverFiftyThousandPersonsFinishInSeconds() {
        List<UUID> ids = jdbc.sql("SELECT id FROM person").query(UUID.class).list();
        long t0 = System.nanoTime();
        CaseLifecycle.Result result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> lifecycle.synchronise(ids, LocalDate.of(2026, 11, 22)), this::whatTheDatabaseIsDoing);
        System.out.printf("lifecycle over %d persons: %d ms%n", PERSONS, (System.nanoTime() - t0) / 1_000_000);
        jdbc.sql("INSERT INTO casework_assignment_rule (municipality, position, reason, assignees, created_by, created_at) "
                + "VALUES ('2380', 1, 'AVBROTT', ARRAY['nobody-signs-in'], 'test', now())").update();

        assertThat(result.opened()).isEqualTo(PERSONS);
        // the planner knows the table grew before the assignment rules run over it (a plan on the old,
        // empty table was a nested loop over a sequential scan: 55 s instead of 5 in one run)
        assertThat(jdbc.sql("SELECT reltuples FROM pg_class WHERE relname = 'casework_case'").query(Double.class).single())
                .isGreaterThan(PERSONS * 0.9);
        List<Long> cases = jdbc.sql("SELECT id FROM casework_case").query(Long.class).list();
        assertThat(cases).hasSize(PERSONS);
        long t1 = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> rules.apply(cases), this::whatTheDatabaseIsDoing);
        System.out.printf("assignment rules over %d cases: %d ms%n", PERSONS, (System.nanoTime() - t1) / 1_000_000);
        // and again: nothing to do, as quickly
        CaseLifecycle.Result again = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> lifecycle.synchronise(ids, LocalDate.of(2026, 11, 22)), this::whatTheDatabaseIsDoing);
        assertThat(again.opened() + again.reopened() + again.closed() + again.withdrawn()).isZero();
    }

    /**
     * On a timeout, what every other session was doing (waiting for a lock, or running which statement
     * for how long), so that a slow run on another machine says why in its failure message.
     */
    private String whatTheDatabaseIsDoing() {
        String sessions = "sessions: " + String.join(" | ", jdbc.sql("""
                SELECT pid || ' ' || state || ' wait=' || coalesce(wait_event_type || '/' || wait_event, '-')
                       || ' for ' || round(extract(epoch FROM now() - query_start)) || ' s: '
                       || left(regexp_replace(query, '\\s+', ' ', 'g'), 700)
                FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'""")
                .query(String.class).list());
        // the timed-out statement would otherwise run on for minutes and hold up the cleaning and the suite
        jdbc.sql("""
                SELECT count(pg_cancel_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'""")
                .query(Long.class).single();
        return sessions;
    }
}
