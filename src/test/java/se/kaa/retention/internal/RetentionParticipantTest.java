package se.kaa.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import se.kaa.retention.RetentionAction;
import se.kaa.retention.RetentionClass;
import se.kaa.retention.RetentionParticipant;
import se.kaa.retention.RetentionPolicy;
import se.kaa.retention.RetentionProperties;
import se.kaa.shared.MunicipalityCode;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;

/**
 * A module keeping a retention class in its own tables (here a stand-in for the audit log) takes
 * part in runs: the class shows as applied, its counts are in the dry run and the run log, and it
 * gets the municipality's policy. Built beside the shared context's service, on the same database.
 */
@KaaIntegrationTest
class RetentionParticipantTest {

    @Autowired JdbcClient jdbc;
    @Autowired PolicyStore policies;
    @Autowired TransactionTemplate transactions;
    @Autowired Clock clock;
    @Autowired TestClock testClock;
    @Autowired DatabaseCleaner database;

    final List<String> calls = new ArrayList<>();

    @BeforeEach
    void clean() {
        database.clean();
        testClock.reset();
    }

    @Test
    void aParticipantIsAppliedCountedAndLogged() {
        RetentionParticipant auditLog = new RetentionParticipant() {
            @Override
            public RetentionClass dataClass() {
                return RetentionClass.AUDIT_LOG;
            }

            @Override
            public Map<MunicipalityCode, Integer> countDue(LocalDate asOf, Function<MunicipalityCode, RetentionPolicy> p) {
                calls.add("count " + asOf + " " + p.apply(MunicipalityCode.of("2380")).months());
                return Map.of(MunicipalityCode.of("2380"), 3);
            }

            @Override
            public Map<MunicipalityCode, Integer> removeDue(LocalDate asOf, Function<MunicipalityCode, RetentionPolicy> p) {
                calls.add("remove " + asOf + " " + p.apply(MunicipalityCode.of("2380")).months());
                return Map.of(MunicipalityCode.of("2380"), 2);
            }

            @Override
            public void beforePersonRemoved(UUID personId) {
                calls.add("person");
            }
        };
        RetentionService service = new RetentionService(jdbc, policies, transactions, clock,
                new RetentionProperties(true, "-"), List.of(auditLog));

        assertThat(service.applied(RetentionClass.AUDIT_LOG)).isTrue();
        assertThat(service.applied(RetentionClass.NOTES)).isFalse();
        assertThat(service.applied(RetentionClass.IDENTITY)).isTrue();

        assertThat(service.plan().counts()).containsExactly(new RetentionPlan.Count(MunicipalityCode.of("2380"),
                RetentionClass.AUDIT_LOG, RetentionAction.DELETE, 3));
        RetentionService.Run run = service.run("MANUAL", "test");
        assertThat(run.total()).isEqualTo(2);
        assertThat(service.recentRuns(1).get(0).counts()).extracting(c -> c.dataClass() + " " + c.count())
                .containsExactly("AUDIT_LOG 2");
        assertThat(calls).containsExactly("count 2026-11-22 36", "count 2026-11-22 36", "remove 2026-11-22 36");
    }
}
