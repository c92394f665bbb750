package se.kaa.targetgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/**
 * A new installation loads the schools' files before the municipality's snapshot (issue 11's national
 * first load): the pupils they name are registered nowhere yet, so nobody is computed for them – no
 * episode, no due day – until the snapshot lists them; after it, a school's file recomputes them again.
 */
@KaaIntegrationTest
class SchoolDataFirstTest {

    static final String ALVA = "200801172388";
    static final String BERTIL = "200802012385";

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void clean() {
        database.clean();
        clock.reset();
    }

    @Test
    void theSchoolsFilesComputeNobodyUntilTheSnapshotListsThem() {
        // Alva left upper secondary in March; Bertil is still there
        upload("inskrivningar", """
                personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
                %s;12345678;Kommunen;GY;NA;2024-08-20;2026-03-10;AVBROTT
                %s;12345678;Kommunen;GY;SA;2024-08-20;;
                """.formatted(ALVA, BERTIL));
        assertThat(jdbc.sql("SELECT count(*) FROM person").query(Long.class).single()).isEqualTo(2);
        assertThat(dueDays()).isZero();
        assertThat(members()).isEmpty();

        upload("folkbokforing", """
                personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
                %s;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
                %s;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
                """.formatted(ALVA, BERTIL), "&asOf=2026-09-01");
        assertThat(members()).containsExactly(ALVA);
        assertThat(dueDays()).isEqualTo(2);

        // registered now: the school's next file recomputes her, and she is no longer a member
        upload("inskrivningar", """
                personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
                %s;12345678;Kommunen;GY;EK;2026-11-02;;
                """.formatted(ALVA));
        assertThat(members()).isEmpty();
    }

    private void upload(String kind, String csv) {
        upload(kind, csv, "");
    }

    private void upload(String kind, String csv, String query) {
        assertThat(WebSession.api(port).upload("/api/v1/imports/" + kind + "?municipality=2380" + query, kind + ".csv",
                csv.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
    }

    private long dueDays() {
        return jdbc.sql("SELECT count(*) FROM targetgroup_due").query(Long.class).single();
    }

    private List<String> members() {
        return jdbc.sql("""
                SELECT p.pnr FROM membership_episode e JOIN person p ON p.id = e.person_id
                WHERE e.exited IS NULL ORDER BY p.pnr""").query(String.class).list();
    }
}
