package se.kaa.intake;

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
 * An import's audit entry names its batch and says whether a person of it has protected identity
 * (the import finds out from its own rows): a school's file about her is flagged, one about others
 * is not, though she is in the register.
 */
@KaaIntegrationTest
class ImportAuditTest {

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
    void anImportIsFlaggedWhenOneOfItsPersonsHasProtectedIdentity() {
        upload("folkbokforing", """
                personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
                200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;JA;NORMAL
                200802012385;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
                """, "&asOf=2026-09-01");
        upload("inskrivningar", """
                personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
                200802012385;12345678;Kommunen;GY;SA;2024-08-20;;
                """, "");
        upload("inskrivningar", """
                personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
                200801172388;12345678;Kommunen;GY;NA;2024-08-20;;
                """, "");
        assertThat(jdbc.sql("""
                SELECT protected_identity FROM audit_entry WHERE action = 'IMPORT_UPLOADED' ORDER BY id""")
                .query(Boolean.class).list()).isEqualTo(List.of(true, false, true));
    }

    private void upload(String kind, String csv, String query) {
        assertThat(WebSession.api(port).upload("/api/v1/imports/" + kind + "?municipality=2380" + query, kind + ".csv",
                csv.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
    }
}
