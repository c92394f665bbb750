package se.kaa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * Every list, count, lookup and file is filtered by the municipalities a user is granted: the test
 * users hold 2380 only; data of 2361 is invisible to them – 404 as if it did not exist – and a
 * skolrapportör reports only for her own school unit and sees only her own receipts.
 */
@KaaIntegrationTest
class MunicipalityGrantsTest {

    // Skatteverket test numbers; none of them started upper secondary.
    static final String ALVA = "200801172388";    // 2380
    static final String CELINE = "200802022392";  // 2380
    static final String DORA = "200803012384";    // 2361
    static final String ERIK = "200803022383";    // 2361

    static final String HEADER = "personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status\n";

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired TestUsers users;

    WebSession admin;
    long batch2361;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
        admin = WebSession.api(port);
        assertThat(upload("2380", HEADER
                + ALVA + ";Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL\n"
                + CELINE + ";Celine;Dahl;2380;2008-02-02;;Storgatan 3;83130;Östersund;NEJ;NORMAL\n").statusCode())
                .isEqualTo(201);
        HttpResponse<String> other = upload("2361", HEADER
                + DORA + ";Dora;Dunge;2361;2008-03-01;;Byvägen 1;84031;Åre;NEJ;NORMAL\n"
                + ERIK + ";Erik;Ås;2361;2008-03-02;;Byvägen 2;84031;Åre;NEJ;NORMAL\n"
                + "200803012385;Fel;Rad;2361;2008-03-01;;Byvägen 3;84031;Åre;NEJ;NORMAL\n");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        batch2361 = WebSession.json(other).get("id").asLong();
    }

    @Test
    void membersOfANonGrantedMunicipalityAreRefusedLikeAnUnservedOne() {
        HttpResponse<String> own = get("/api/v1/target-group/members?municipality=2380", Role.HANDLAGGARE);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains(ALVA, CELINE).doesNotContain(DORA, ERIK);

        HttpResponse<String> other = get("/api/v1/target-group/members?municipality=2361", Role.SYSTEM);
        HttpResponse<String> unserved = get("/api/v1/target-group/members?municipality=0180", Role.SYSTEM);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).doesNotContain(DORA, ERIK, "\"total\"")
                .contains("hanteras inte").isEqualTo(unserved.body().replace("0180", "2361"));
    }

    @Test
    void aPersonOnlyInANonGrantedMunicipalityIsNotFoundAsIfUnknown() {
        UUID dora = personId("2361", DORA);
        UUID alva = personId("2380", ALVA);
        assertThat(get("/api/v1/persons/" + alva, Role.HANDLAGGARE).statusCode()).isEqualTo(200);

        HttpResponse<String> hidden = get("/api/v1/persons/" + dora, Role.HANDLAGGARE);
        HttpResponse<String> unknown = get("/api/v1/persons/" + UUID.randomUUID(), Role.HANDLAGGARE);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(json(hidden).get("detail")).isEqualTo(json(unknown).get("detail"));
        assertThat(get("/api/v1/persons/" + dora + "/explanation", Role.ENHETSCHEF).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/persons/" + dora, null).statusCode()).as("the administrator holds 2361").isEqualTo(200);

        WebSession page = session(Role.HANDLAGGARE);
        HttpResponse<String> html = page.get("/personer/" + dora);
        assertThat(html.statusCode()).isEqualTo(404);
        assertThat(html.body()).doesNotContain("Dora", "Dunge");
    }

    @Test
    void aVisiblePersonsEnrolmentsAreShownWhicheverMunicipalityImportedThemButHerOtherMunicipalitiesAreNot() {
        // Alva lived in 2361 before 2380; 2361 imported her enrolment at a school it runs.
        assertThat(admin.upload("/api/v1/imports/folkbokforing?municipality=2361&asOf=2025-09-01", "fb-2361.csv",
                (HEADER + ALVA + ";Alva;Ek;2361;2008-01-17;;Byvägen 9;84031;Åre;NEJ;NORMAL\n")
                        .getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        assertThat(admin.upload("/api/v1/imports/inskrivningar?municipality=2361", "inskr-2361.csv", ("""
                personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
                %s;87654321;Härjedalens kommun;GY;NA;2024-08-19;2025-06-10;AVBROTT
                """.formatted(ALVA)).getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        UUID alva = personId("2380", ALVA);

        JsonNode person = json(get("/api/v1/persons/" + alva, Role.HANDLAGGARE));
        assertThat(person.get("facts").get("enrolments").toString()).contains("87654321");
        assertThat(person.get("facts").get("population").findValuesAsString("municipality")).containsOnly("2380");
        assertThat(person.toString()).doesNotContain("Byvägen 9");
        JsonNode explanation = json(get("/api/v1/persons/" + alva + "/explanation?municipality=2361", Role.HANDLAGGARE));
        assertThat(explanation.get("municipality").asString()).as("never explained for a non-granted municipality")
                .isEqualTo("2380");
        // The administrator, who holds both, sees both population records.
        assertThat(json(get("/api/v1/persons/" + alva, null)).get("facts").get("population")
                .findValuesAsString("municipality")).contains("2361", "2380");
    }

    @Test
    void theGroupPageListsAndCountsOnlyGrantedMunicipalities() {
        HttpResponse<String> page = session(Role.ENHETSCHEF).get("/malgrupp?municipality=2361");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Alva", "Celine").doesNotContain("Dora", "Erik", "value=\"2361\"");
    }

    @Test
    void importBatchesOfNonGrantedMunicipalitiesAreInvisibleAndCannotBeUploadedTo() {
        assertThat(get("/api/v1/imports/" + batch2361, null).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/imports/" + batch2361, Role.ENHETSCHEF).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/imports/" + batch2361 + "/rejected-rows", Role.SYSTEM).statusCode()).isEqualTo(404);

        WebSession chef = session(Role.ENHETSCHEF);
        assertThat(chef.get("/importer/" + batch2361).statusCode()).isEqualTo(404);
        assertThat(chef.get("/importer/" + batch2361 + "/avvisade.csv").statusCode()).isEqualTo(404);
        HttpResponse<String> history = chef.get("/importer");
        assertThat(history.body()).contains("/importer/" + (batch2361 - 1)).doesNotContain("/importer/" + batch2361 + "\"")
                .doesNotContain("value=\"2361\"");

        HttpResponse<String> refused = admin.upload("/api/v1/imports/folkbokforing?municipality=2361&asOf=2026-11-01",
                "f.csv", (HEADER + ERIK + ";Erik;Ås;2361;2008-03-02;;Byvägen 2;84031;Åre;NEJ;NORMAL\n")
                        .getBytes(StandardCharsets.UTF_8), Map.of(), TestUsers.basic(Role.SYSTEM), Map.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("municipality", "hanteras inte").doesNotContain("2361, ");
    }

    @Test
    void aSchoolReporterReportsOnlyForHerSchoolUnitAndSeesOnlyHerOwnReceipts() {
        HttpResponse<String> otherUnit = notice(Role.SKOLRAPPORTOR, "87654321", "2380");
        assertThat(otherUnit.statusCode()).isEqualTo(400);
        assertThat(otherUnit.body()).contains("schoolUnitCode", "egna skolenheter");
        HttpResponse<String> otherMunicipality = notice(Role.SKOLRAPPORTOR, TestUsers.SCHOOL_UNIT, "2361");
        assertThat(otherMunicipality.statusCode()).as("a municipality she is not granted").isEqualTo(400);
        assertThat(otherMunicipality.body()).contains("\"field\":\"municipality\"").doesNotContain("2361");

        HttpResponse<String> own = notice(Role.SKOLRAPPORTOR, TestUsers.SCHOOL_UNIT, "2380");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        long ownId = json(own).get("id").asLong();
        assertThat(get("/api/v1/notices/" + ownId, Role.SKOLRAPPORTOR).statusCode()).isEqualTo(200);
        assertThat(session(Role.SKOLRAPPORTOR).get("/anmalningar/" + ownId + "/kvitto").statusCode()).isEqualTo(200);

        HttpResponse<String> bySystem = notice(Role.SYSTEM, TestUsers.SCHOOL_UNIT, "2380");
        assertThat(bySystem.statusCode()).as(bySystem.body()).isEqualTo(201);
        long systemId = json(bySystem).get("id").asLong();
        assertThat(get("/api/v1/notices/" + systemId, Role.SKOLRAPPORTOR).statusCode())
                .as("someone else's receipt").isEqualTo(404);
        assertThat(session(Role.SKOLRAPPORTOR).get("/anmalningar/" + systemId + "/kvitto").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/notices/" + systemId, Role.SYSTEM).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> notice(Role role, String unit, String municipality) {
        return admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/notices"))
                .header("Authorization", TestUsers.basic(role))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"type": "ABSENCE", "personnummer": "%s", "municipality": "%s", "schoolUnitCode": "%s",
                         "organiser": "Östersunds kommun", "schoolType": "GY", "programme": "NA", "date": "2026-11-01",
                         "absence": {"from": "2026-10-01", "to": "2026-10-31", "hours": 12}}"""
                        .formatted(ALVA, municipality, unit)))
                .build());
    }

    private UUID personId(String municipality, String pin) {
        JsonNode members = WebSession.json(admin.get("/api/v1/target-group/members?municipality=" + municipality));
        for (JsonNode m : members.get("members")) {
            if (m.get("personnummer").asString().equals(pin)) {
                return UUID.fromString(m.get("personId").asString());
            }
        }
        throw new AssertionError("not a member: " + pin.substring(0, 8));
    }

    private WebSession session(Role role) {
        WebSession session = new WebSession(port);
        session.login(TestUsers.username(role), TestUsers.PASSWORD);
        return session;
    }

    /** As the given role, or as the test administrator (every municipality) for {@code null}. */
    private HttpResponse<String> get(String path, Role role) {
        return admin.send(HttpRequest.newBuilder(admin.uri(path))
                .header("Authorization", role == null ? WebSession.basic() : TestUsers.basic(role)).build());
    }

    private HttpResponse<String> upload(String municipality, String csv) {
        return admin.upload("/api/v1/imports/folkbokforing?municipality=" + municipality + "&asOf=2026-11-01",
                "folkbokforing-" + municipality + ".csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return WebSession.json(response);
    }
}
