package se.kaa.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import se.kaa.audit.AuditEntry;
import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.audit.AuditTrail;
import se.kaa.audit.SystemJob;
import se.kaa.retention.RetentionClass;
import se.kaa.retention.RetentionPolicy;
import se.kaa.shared.MunicipalityCode;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/** The chain itself: what an entry holds, append-only in the database, tamper evidence, concurrency. */
@KaaIntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(se.kaa.testsupport.AlsoGranskare.class)
class AuditChainIntegrationTest {

    static final MunicipalityCode OSTERSUND = MunicipalityCode.of("2380");

    @LocalServerPort int port;
    @Autowired AuditLog log;
    @Autowired AuditTrail trail;
    @Autowired AuditVerifyRunner runner;
    @Autowired JdbcClient jdbc;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired PlatformTransactionManager transactions;
    @Autowired AuditRetention retention;

    @BeforeEach
    void clean() {
        database.clean();
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    @Test
    void anEntryHoldsWhoWhenWhereWhomWhatAndContextLinkedToItsPredecessor() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("handlaggare1", null, List.of()));
        try {
            log.record(AuditEvent.read("PERSON_VIEWED", OSTERSUND, List.of(a), "GET /personer/" + a));
        } finally {
            SecurityContextHolder.clearContext();
        }
        clock.setDate(LocalDate.of(2026, 11, 23));
        SystemJob.run("recompute", () -> log.record(AuditEvent.write("EPISODES_WRITTEN", null, List.of(a, b, a), "run 7")));
        log.record(AuditEvent.read("SOMETHING", null, List.of(), "no job named"));

        List<AuditEntry> entries = trail.search(new AuditTrail.Query(null, null, null, null));
        assertThat(entries).hasSize(3);
        AuditEntry first = entries.get(2);
        AuditEntry second = entries.get(1);
        assertThat(first.actor()).isEqualTo("handlaggare1");
        assertThat(first.actorType()).isEqualTo("USER");
        assertThat(first.occurredAt()).isEqualTo(LocalDate.of(2026, 11, 22).atTime(12, 0)
                .atZone(clock.getZone()).toInstant());
        assertThat(first.municipality()).isEqualTo("2380");
        assertThat(first.kind()).isEqualTo(AuditEvent.Kind.READ);
        assertThat(first.action()).isEqualTo("PERSON_VIEWED");
        assertThat(first.personIds()).containsExactly(a);
        assertThat(first.context()).isEqualTo("GET /personer/" + a);
        assertThat(first.prevHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(first.hash()).hasSize(64).isNotEqualTo(AuditChain.GENESIS);

        assertThat(second.actor()).isEqualTo("recompute");
        assertThat(second.actorType()).isEqualTo("SYSTEM");
        assertThat(second.kind()).isEqualTo(AuditEvent.Kind.WRITE);
        assertThat(second.personIds()).containsExactly(a, b);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(entries.get(0).actor()).isEqualTo("system");
        assertThat(entries.get(0).prevHash()).isEqualTo(second.hash());

        assertThat(trail.verify()).isEqualTo(new AuditTrail.Verification(3, true, null, entries.get(0).hash(),
                new java.util.TreeMap<>(Map.of(entries.get(0).chain(), entries.get(0).hash()))));
    }

    @Test
    void theDatabaseRejectsUpdatesAndDeletes() {
        log.record(AuditEvent.read("PERSON_VIEWED", OSTERSUND, List.of(UUID.randomUUID()), "x"));
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entry SET actor = 'someone else'").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_entry").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.sql("SELECT actor FROM audit_entry").query(String.class).list()).containsExactly("system");
    }

    @Test
    void theVerifierNamesExactlyTheEntryThatWasChanged() {
        List<Long> ids = record(5);
        assertThat(trail.verify().valid()).isTrue();

        tamper("UPDATE audit_entry SET context = 'innocent' WHERE id = " + ids.get(2));

        AuditTrail.Verification broken = trail.verify();
        assertThat(broken.valid()).isFalse();
        assertThat(broken.firstBrokenId()).isEqualTo(ids.get(2));
        assertThat(broken.entries()).isEqualTo(5);
        JsonNode json = WebSession.json(WebSession.api(port).get("/api/v1/audit/verify"));
        assertThat(json.get("entries").asLong()).isEqualTo(5);
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("firstBrokenId").asLong()).isEqualTo(ids.get(2));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(runner.verifyAndPrint(new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"valid\": false", "\"firstBrokenId\": " + ids.get(2));
    }

    @Test
    void aRemovedOrRehashedEntryBreaksTheLinkOfTheNextOne() {
        List<Long> ids = record(5);
        tamper("DELETE FROM audit_entry WHERE id = " + ids.get(1));
        assertThat(trail.verify().firstBrokenId()).isEqualTo(ids.get(2));

        database.clean();
        List<Long> again = record(4);
        // A forger who recomputes the changed entry's own hash still breaks the next entry's link.
        AuditEntry victim = trail.search(new AuditTrail.Query(null, null, null, null)).stream()
                .filter(e -> e.id() == again.get(1)).findFirst().orElseThrow();
        String forged = AuditChain.hash(victim.id(), victim.occurredAt(), "forger", victim.actorType(),
                victim.municipality(), victim.action(), victim.kind().name(), victim.personIds(), victim.context(),
                victim.protectedIdentity(), victim.prevHash(), victim.batchId(), victim.chain());
        tamper("UPDATE audit_entry SET actor = 'forger', hash = '" + forged + "' WHERE id = " + victim.id());
        assertThat(trail.verify().firstBrokenId()).isEqualTo(again.get(2));

        // Moving an entry into another chain breaks it and the chain it left.
        database.clean();
        List<Long> third = record(3);
        int chain = jdbc.sql("SELECT chain FROM audit_entry WHERE id = ?").param(third.get(1)).query(Integer.class).single();
        tamper("UPDATE audit_entry SET chain = " + ((chain + 1) % JdbcAuditLog.CHAINS) + " WHERE id = " + third.get(1));
        assertThat(trail.verify().firstBrokenId()).isEqualTo(third.get(1));
    }

    @Test
    void theVerifyCommandPrintsAValidChainAndExitsWithZero() {
        record(3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(runner.verifyAndPrint(new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"entries\": 3", "\"valid\": true",
                "\"firstBrokenId\": null", "\"heads\": {\"" + trail.verify().heads().firstKey() + "\": \"");
    }

    /**
     * Writers at once go into different chains (none waits for another's commit while a chain is free),
     * and each chain stays linear: every entry links to a different predecessor of its own chain.
     */
    @Test
    void concurrentWritersKeepEachChainLinear() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        log.record(AuditEvent.read("PERSON_VIEWED", OSTERSUND, List.of(UUID.randomUUID()),
                                "thread " + thread + " entry " + i));
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(work)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        AuditTrail.Verification v = trail.verify();
        assertThat(v.entries()).isEqualTo(200);
        assertThat(v.valid()).isTrue();
        assertThat(jdbc.sql("SELECT count(DISTINCT chain) FROM audit_entry").query(Long.class).single())
                .as("chains written into").isGreaterThan(1).isLessThanOrEqualTo(JdbcAuditLog.CHAINS);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM (SELECT chain FROM audit_entry GROUP BY chain
                                      HAVING count(*) <> count(DISTINCT prev_hash)) forked""").query(Long.class).single())
                .as("chains where two entries link to the same predecessor").isZero();
        assertThat(v.heads()).as("each chain's newest hash").isEqualTo(new java.util.TreeMap<>(jdbc.sql("""
                SELECT DISTINCT ON (chain) chain, hash FROM audit_entry ORDER BY chain, id DESC""")
                .query((rs, n) -> Map.entry(rs.getInt(1), rs.getString(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
        assertThat(jdbc.sql("SELECT max(id) FROM audit_entry").query(Long.class).single())
                .as("the last hash is the newest entry's").isEqualTo(jdbc.sql("SELECT id FROM audit_entry WHERE hash = ?")
                        .param(v.lastHash()).query(Long.class).single());
    }

    /** One transaction writes into one chain, however many entries it writes, and holds it to its end. */
    @Test
    void aTransactionWritesAllItsEntriesIntoOneChain() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> tx.executeWithoutResult(s -> {
            for (int i = 0; i < 3; i++) {
                log.record(AuditEvent.read("PERSON_VIEWED", OSTERSUND, List.of(UUID.randomUUID()), "held " + i));
            }
            written.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        written.await();
        try {
            // meanwhile another writer is not held up until that transaction ends: it takes another chain
            java.util.concurrent.CompletableFuture.runAsync(() -> log.record(
                    AuditEvent.read("PERSON_VIEWED", OSTERSUND, List.of(UUID.randomUUID()), "beside")))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            done.countDown();
            holder.join();
        }
        assertThat(jdbc.sql("SELECT count(DISTINCT chain) FROM audit_entry WHERE context LIKE 'held %'").query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(DISTINCT chain) FROM audit_entry").query(Long.class).single()).isEqualTo(2);
        assertThat(trail.verify().valid()).isTrue();
    }

    @Test
    void anEntryRecordedInTheCallersTransactionRollsBackWithIt() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            log.record(AuditEvent.write("IMPORT_UPLOADED", OSTERSUND, List.of(UUID.randomUUID()), "batch 1"));
            throw new IllegalStateException("the import failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(trail.verify().entries()).isZero();
        record(2);
        assertThat(trail.verify().valid()).isTrue();
    }

    @Test
    void retentionRemovesOnlyTheOldestDueEntriesAndTheRestOfTheChainStaysVerifiable() {
        log.record(AuditEvent.read("PERSON_VIEWED", OSTERSUND, List.of(UUID.randomUUID()), "old 1"));
        log.record(AuditEvent.read("AUDIT_SEARCHED", null, List.of(), "old 2"));
        log.record(AuditEvent.read("PERSON_VIEWED", MunicipalityCode.of("2361"), List.of(UUID.randomUUID()), "old 3"));
        clock.setDate(LocalDate.of(2029, 11, 1));
        log.record(AuditEvent.read("PERSON_VIEWED", OSTERSUND, List.of(UUID.randomUUID()), "new"));
        java.util.function.Function<MunicipalityCode, RetentionPolicy> defaults =
                m -> RetentionPolicy.defaultFor(m, RetentionClass.AUDIT_LOG); // 36 months

        assertThat(retention.countDue(LocalDate.of(2029, 11, 21), defaults)).isEmpty(); // the day before
        assertThat(retention.countDue(LocalDate.of(2029, 11, 22), defaults))
                .isEqualTo(Map.of(OSTERSUND, 1, MunicipalityCode.of("2361"), 1));
        assertThat(trail.verify().entries()).isEqualTo(4); // counting removes nothing

        clock.setDate(LocalDate.of(2029, 11, 22));
        assertThat(retention.removeDue(LocalDate.of(2029, 11, 22), defaults))
                .isEqualTo(Map.of(OSTERSUND, 1, MunicipalityCode.of("2361"), 1));
        assertThat(jdbc.sql("SELECT context FROM audit_entry ORDER BY id").query(String.class).list())
                .containsExactly("new", "retention removed 3 entries up to 3");
        AuditTrail.Verification v = trail.verify();
        assertThat(v.valid()).isTrue();
        assertThat(v.entries()).isEqualTo(2);

        // Even with retention's switch on, nothing after the chain's start can be deleted.
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
            jdbc.sql("SELECT set_config('kaa.audit.retention', 'on', true)").query(String.class).single();
            jdbc.sql("DELETE FROM audit_entry").update();
        })).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        log.record(AuditEvent.read("PERSON_VIEWED", OSTERSUND, List.of(UUID.randomUUID()), "later"));
        assertThat(trail.verify()).satisfies(after -> {
            assertThat(after.valid()).isTrue();
            assertThat(after.entries()).isEqualTo(3);
        });

        // A forged start of the chain shows.
        tamper("UPDATE audit_chain_start SET prev_hash = '" + AuditChain.GENESIS + "'");
        assertThat(trail.verify().firstBrokenId()).isEqualTo(4L);
    }

    private List<Long> record(int n) {
        for (int i = 0; i < n; i++) {
            log.record(AuditEvent.read("PERSON_VIEWED", OSTERSUND, List.of(UUID.randomUUID()), "entry " + i));
        }
        return jdbc.sql("SELECT id FROM audit_entry ORDER BY id").query(Long.class).list();
    }

    /** Changes the log as a superuser would, with the append-only triggers off for the moment. */
    private void tamper(String sql) {
        jdbc.sql("ALTER TABLE audit_entry DISABLE TRIGGER USER").update();
        try {
            jdbc.sql(sql).update();
        } finally {
            jdbc.sql("ALTER TABLE audit_entry ENABLE TRIGGER USER").update();
        }
    }
}
