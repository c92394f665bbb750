package se.kaa.targetgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.internal.MemberQueries.Filter;
import se.kaa.targetgroup.internal.MemberQueries;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/** The group page's filters and counts, against the embedded PostgreSQL. */
@KaaIntegrationTest
class MemberQueriesTest {

    static final MunicipalityCode OSTERSUND = MunicipalityCode.of("2380");
    static final LocalDate TODAY = TestClock.DEFAULT_DATE;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired MemberQueries queries;

    @BeforeEach
    void importFiles() {
        database.clean();
        clock.reset();
        WebSession http = WebSession.api(port);
        assertThat(http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "f.csv", """
                personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
                200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
                200802022392;Celine;Dahl;2380;2008-02-02;;Storgatan 3;83130;Östersund;NEJ;NORMAL
                200802282384;Greta;Gran;2380;2008-02-28;;Storgatan 4;83130;Östersund;NEJ;NORMAL
                200901082396;Nils;Ny;2380;2009-01-08;;Storgatan 5;83130;Östersund;NEJ;NORMAL
                """.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        assertThat(http.upload("/api/v1/imports/inskrivningar?municipality=2380", "i.csv", """
                personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
                200801172388;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-03-13;AVBROTT
                200802282384;87654321;Friskolan AB;GY;EK;2024-08-19;2025-10-31;AVBROTT
                """.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
    }

    @Test
    void withoutFiltersEveryMemberIsCountedByReason() {
        MemberQueries.Page page = queries.members(OSTERSUND, TODAY, Filter.none(), 0, 100);
        assertThat(names(page)).containsExactly("Celine Dahl", "Alva Ek", "Greta Gran", "Nils Ny");
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.countsByReason()).containsEntry(ReasonForRegistration.AVBROTT, 2L)
                .containsEntry(ReasonForRegistration.EJ_PABORJAT, 2L).doesNotContainKey(ReasonForRegistration.IM);
    }

    @Test
    void filtersByReasonAgeSchoolAndEntryDate() {
        assertThat(names(queries.members(OSTERSUND, TODAY,
                new Filter(ReasonForRegistration.AVBROTT, null, null, null), 0, 100)))
                .containsExactly("Alva Ek", "Greta Gran");
        assertThat(names(queries.members(OSTERSUND, TODAY, new Filter(null, 17, null, null), 0, 100)))
                .containsExactly("Nils Ny");
        assertThat(names(queries.members(OSTERSUND, TODAY, new Filter(null, null, "87654321", null), 0, 100)))
                .containsExactly("Greta Gran");
        assertThat(names(queries.members(OSTERSUND, TODAY, new Filter(null, null, null, LocalDate.of(2026, 1, 1)), 0, 100)))
                .containsExactly("Alva Ek");
        MemberQueries.Page combined = queries.members(OSTERSUND, TODAY,
                new Filter(ReasonForRegistration.AVBROTT, 18, "12345678", LocalDate.of(2026, 3, 14)), 0, 100);
        assertThat(names(combined)).containsExactly("Alva Ek");
        assertThat(combined.total()).isEqualTo(1);
    }

    @Test
    void theSchoolFilterOffersTheMembersLatestSchools() {
        assertThat(queries.schools(OSTERSUND, TODAY)).extracting(MemberQueries.School::code)
                .containsExactly("12345678", "87654321");
    }

    @Test
    void aMunicipalityWithoutDataHasNoMembers() {
        assertThat(queries.members(MunicipalityCode.of("2361"), TODAY, Filter.none(), 0, 100).total()).isZero();
    }

    private static List<String> names(MemberQueries.Page page) {
        return page.members().stream().map(MemberQueries.Member::displayName).toList();
    }
}
