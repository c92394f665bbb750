package se.kaa.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.internal.Recomputation;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;

/**
 * A new latest folkbokföring snapshot recomputes only the persons whose assessment it can change
 * (compared with the snapshot before it), not everyone ever registered in the municipality – and
 * misses no one: afterwards a full recomputation finds nothing to write. Each person is one way a
 * snapshot can matter; A and C are listed as before and must be left alone.
 */
@KaaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotDiffTest {

    // Skatteverket test numbers.
    static final String A = "200801172388"; // dropped out: listed the same in P and S (a member, untouched)
    static final String B = "200802022392"; // never started: moves out (in P, not in S)
    static final String C = "200802012385"; // in school: only her address changes (untouched)
    static final String D = "200703012385"; // new in S
    static final String E = "200703012393"; // protected identity from S
    static final String F = "200703022384"; // emigrated in S
    static final String G = "200703022392"; // listed in P, her row in S is rejected (still listed)
    static final String H = "200703032383"; // listed in Q, rejected in P, missing from S: S is the move
    static final String I = "200703032391"; // the same in P and S, but listed in 2361 in between
    static final String J = "201109172385"; // listed at 14 in Q, missing since; 15 between P and S

    static final String HEADER =
            "personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status\n";

    @Autowired Imports imports;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired Recomputation recomputation;
    @Autowired FactStore facts;
    @Autowired JdbcClient jdbc;
    @org.springframework.boot.test.web.server.LocalServerPort int port;

    long snapshotS;
    int recomputedBySnapshotS;

    @BeforeAll
    void importTheSnapshots() throws Exception {
        database.clean();
        clock.reset();
        importSnapshot("2380", "2026-08-01", row(A, "2380", "2008-01-17", "Storgatan 1", false, "NORMAL"),
                row(B, "2380", "2008-02-02", "Storgatan 2", false, "NORMAL"),
                row(H, "2380", "2007-03-03", "Storgatan 8", false, "NORMAL"),
                row(J, "2380", "2011-09-17", "Storgatan 10", false, "NORMAL"));
        List<String> p = new ArrayList<>(listedInP("Storgatan 1"));
        p.add(row(H, "2380", "igår", "Storgatan 8", false, "NORMAL"));
        importSnapshot("2380", "2026-09-01", p.toArray(String[]::new));
        // an older, stale registration of I's elsewhere: S's row ends it on the day she came to 2380
        importSnapshot("2361", "2026-09-15", row(I, "2361", "2015-01-01", "Bygatan 1", false, "NORMAL"));
        ImportReport s = importSnapshot("2380", "2026-10-01",
                row(A, "2380", "2008-01-17", "Storgatan 1", false, "NORMAL"),
                row(C, "2380", "2008-02-01", "Nya vägen 3", false, "NORMAL"),
                row(D, "2380", "2007-03-01", "Storgatan 4", false, "NORMAL"),
                row(E, "2380", "2007-03-01", "Storgatan 5", true, "NORMAL"),
                row(F, "2380", "2007-03-02", "Storgatan 6", false, "UTVANDRAD"),
                row(G, "2380", "igår", "Storgatan 7", false, "NORMAL"),
                row(I, "2380", "2026-08-20", "Storgatan 9", false, "NORMAL"));
        assertThat(s.status()).isEqualTo("COMPLETED");
        assertThat(s.rowsRejected()).isEqualTo(1);
        snapshotS = s.id();
        recomputedBySnapshotS = jdbc.sql("SELECT persons FROM recomputation_run WHERE cause = ?")
                .param("folkbokforing import batch " + snapshotS).query(Integer.class).single();
    }

    @Test
    @Order(1)
    void theSnapshotRecomputesExactlyThePersonsItCanHaveChanged() {
        Set<UUID> affected = new HashSet<>();
        facts.forEachPersonAffectedBy(snapshotS, 3, affected::addAll);
        assertThat(affected).containsExactlyInAnyOrderElementsOf(ids(B, D, E, F, G, H, I, J));
        assertThat(recomputedBySnapshotS).isEqualTo(8);
    }

    @Test
    @Order(1)
    void aFullRecomputationAfterwardsFindsNothingToWrite() {
        List<Map<String, Object>> before = episodes();
        Recomputation.Result full = recomputation.recomputeAll("test");
        assertThat(full.persons()).isEqualTo(10);
        assertThat(full.episodesWritten()).isZero();
        assertThat(full.episodesDeleted()).isZero();
        assertThat(episodes()).isEqualTo(before);
        // and the snapshot did what it should to those it concerned
        assertThat(openEpisodes("2380")).containsAll(ids(A, C, D, E, G, I)).doesNotContainAnyElementsOf(ids(B, F, H, J));
        assertThat(exitReason(B)).isEqualTo("UTFLYTTAD");
        assertThat(exitReason(H)).isEqualTo("UTFLYTTAD");
        assertThat(exitReason(F)).isEqualTo("UTVANDRAD");
        assertThat(openEpisodes("2361")).isEmpty();
    }

    @Test
    @Order(1)
    void theUntouchedPersonsDetailsAreStillUpdated() {
        assertThat(jdbc.sql("SELECT address FROM person WHERE pnr = ?").param(C).query(String.class).single())
                .isEqualTo("Nya vägen 3");
        assertThat(jdbc.sql("SELECT protected_identity FROM person WHERE pnr = ?").param(E).query(Boolean.class).single())
                .isTrue();
        assertThat(detailsAsOf(C)).isEqualTo("2026-10-01");
        // A's details were not rewritten: they keep the day they were read, and count as confirmed by S
        assertThat(detailsAsOf(A)).isEqualTo("2026-08-01");
        UUID a = ids(A).get(0);
        assertThat(facts.factsFor(List.of(a)).get(0).detailsConfirmedOn(LocalDate.parse(detailsAsOf(A))))
                .isEqualTo(LocalDate.parse("2026-10-01"));
        // the person page and the register extract say so
        assertThat(se.kaa.testsupport.WebSession.signedIn(port).get("/personer/" + a).body())
                .containsPattern("Folkbokföringsuppgifter per</dt>\\s*<dd>2026-10-01</dd>");
        assertThat(se.kaa.testsupport.WebSession.json(se.kaa.testsupport.WebSession.api(port)
                .get("/api/v1/persons/" + a + "/extract")).get("identity").get("detailsAsOf").asString())
                .isEqualTo("2026-10-01");
    }

    private String detailsAsOf(String pnr) {
        return jdbc.sql("SELECT details_as_of::text FROM person WHERE pnr = ?").param(pnr).query(String.class).single();
    }

    @Test
    @Order(2) // last: it adds a snapshot
    void aSnapshotOutOfOrderRecomputesEveryoneAsBefore() throws Exception {
        ImportReport older = importSnapshot("2380", "2026-09-20", listedInP("Gamla gatan 1").toArray(String[]::new));
        assertThat(older.status()).isEqualTo("COMPLETED");
        // S (2026-10-01) listed A at Storgatan 1 later: the older snapshot does not overwrite it
        assertThat(jdbc.sql("SELECT address FROM person WHERE pnr = ?").param(A).query(String.class).single())
                .isEqualTo("Storgatan 1");
        Set<UUID> affected = new HashSet<>();
        facts.forEachPersonAffectedBy(older.id(), 100, affected::addAll);
        assertThat(affected).containsAll(ids(A, B, C, D, E, F, G, I, J));
    }

    private List<Map<String, Object>> episodes() {
        return jdbc.sql("""
                SELECT person_id, municipality, entered, reason, entry_kind, rule_set, exited, exit_reason, computed_at
                FROM membership_episode ORDER BY person_id, municipality, entered""").query().listOfRows();
    }

    private List<UUID> openEpisodes(String municipality) {
        return jdbc.sql("SELECT person_id FROM membership_episode WHERE municipality = ? AND exited IS NULL")
                .param(municipality).query(UUID.class).list();
    }

    private String exitReason(String pnr) {
        return jdbc.sql("""
                SELECT e.exit_reason FROM membership_episode e JOIN person p ON p.id = e.person_id
                WHERE p.pnr = ? AND e.municipality = '2380'""").param(pnr).query(String.class).single();
    }

    private List<UUID> ids(String... pnrs) {
        return jdbc.sql("SELECT id FROM person WHERE pnr IN (:pnrs)").param("pnrs", List.of(pnrs))
                .query(UUID.class).list();
    }

    /** The rows P lists validly, A at {@code addressOfA}. */
    private static List<String> listedInP(String addressOfA) {
        return List.of(
                row(A, "2380", "2008-01-17", addressOfA, false, "NORMAL"),
                row(B, "2380", "2008-02-02", "Storgatan 2", false, "NORMAL"),
                row(C, "2380", "2008-02-01", "Storgatan 3", false, "NORMAL"),
                row(E, "2380", "2007-03-01", "Storgatan 5", false, "NORMAL"),
                row(F, "2380", "2007-03-02", "Storgatan 6", false, "NORMAL"),
                row(G, "2380", "2007-03-02", "Storgatan 7", false, "NORMAL"),
                row(I, "2380", "2026-08-20", "Storgatan 9", false, "NORMAL"));
    }

    private static String row(String pnr, String municipality, String since, String address, boolean protectedIdentity,
                              String status) {
        return pnr + ";Förnamn;Efternamn;" + municipality + ";" + since + ";;" + address + ";83130;Östersund;"
                + (protectedIdentity ? "JA" : "NEJ") + ";" + status;
    }

    private ImportReport importSnapshot(String municipality, String asOf, String... rows) throws Exception {
        Path file = Files.createTempFile("kaa-snapshot-", ".csv");
        try {
            Files.writeString(file, HEADER + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
            return imports.importFile(new ImportRequest(ImportKind.FOLKBOKFORING, MunicipalityCode.of(municipality),
                    LocalDate.parse(asOf), "folkbokforing.csv", file, "test"));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
