package se.kaa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The address of a person with protected identity is hidden from everyone without the dedicated
 * permission – on the person page, in the API and in the register extract – and shown to a user an
 * administrator has granted it, with every such read flagged in the audit log. Taking the permission
 * away hides the address again at the next request.
 */
@KaaIntegrationTest
class ProtectedAddressTest {

    static final String GRETA = "200802282384"; // Skatteverket test number; protected identity
    static final String ALVA = "200801172388";  // Skatteverket test number; ordinary

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802282384;Greta;Gran;2380;2008-02-28;;Hemliga vägen 4;83130;Östersund;JA;NORMAL
            """;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();
    long handlaggare;
    String greta;
    String alva;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        handlaggare = users.ensure().get(Role.HANDLAGGARE);
        WebSession intake = WebSession.api(port);
        assertThat(intake.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "fb.csv",
                FOLKBOKFORING.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        greta = personId(GRETA);
        alva = personId(ALVA);
    }

    @Test
    void withoutThePermissionTheAddressIsHiddenEverywhere() {
        JsonNode person = api("/api/v1/persons/" + greta);
        assertThat(person.get("protectedIdentity").asBoolean()).isTrue();
        assertThat(person.has("address")).isFalse();
        assertThat(person.toString()).doesNotContain("Hemliga vägen");
        JsonNode extract = api("/api/v1/persons/" + greta + "/extract");
        assertThat(extract.get("identity").get("addressWithheld").asBoolean()).isTrue();
        assertThat(extract.toString()).doesNotContain("Hemliga vägen");

        WebSession web = signedIn();
        String page = web.get("/personer/" + greta).body();
        assertThat(page).contains("Adressen visas inte").doesNotContain("Hemliga vägen");
        // An ordinary person's address is shown to the same user.
        assertThat(web.get("/personer/" + alva).body()).contains("Storgatan 1");
        assertThat(auditContexts()).noneMatch(c -> c.contains("protected address shown"));
    }

    @Test
    void anAdministratorGrantsThePermissionAndItsHolderSeesTheAddressFlaggedInTheAuditLog() {
        WebSession admin = new WebSession(port);
        assertThat(admin.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD).statusCode()).isEqualTo(302);
        assertThat(grant(admin, true).statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/anvandare/" + handlaggare).body())
                .containsPattern("id=\"protectedAddresses\"[^>]*checked");
        assertThat(admin.get("/admin/anvandare").body()).contains("Skyddad adress");

        JsonNode person = api("/api/v1/persons/" + greta);
        assertThat(person.get("address").get("street").asString()).isEqualTo("Hemliga vägen 4");
        JsonNode extract = api("/api/v1/persons/" + greta + "/extract");
        assertThat(extract.get("identity").get("addressWithheld").asBoolean()).isFalse();
        assertThat(extract.get("identity").get("address").asString()).isEqualTo("Hemliga vägen 4");
        String page = signedIn().get("/personer/" + greta).body();
        assertThat(page).contains("Hemliga vägen 4", "Skyddad adress – lämna inte ut den").doesNotContain("Adressen visas inte");

        List<Map<String, Object>> reads = jdbc.sql("""
                SELECT context, protected_identity FROM audit_entry WHERE actor = ? AND ? = ANY (person_ids::text[])""")
                .params(TestUsers.username(Role.HANDLAGGARE), greta).query().listOfRows();
        assertThat(reads).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(r -> {
                    assertThat((String) r.get("context")).endsWith("(protected address shown)");
                    assertThat(r.get("protected_identity")).isEqualTo(true);
                });

        // Taken away: hidden again at the next request.
        assertThat(grant(admin, false).statusCode()).isEqualTo(302);
        assertThat(api("/api/v1/persons/" + greta).has("address")).isFalse();
    }

    @Test
    void thePermissionDoesNotWidenTheMunicipalities() {
        WebSession admin = new WebSession(port);
        admin.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        grant(admin, true);
        jdbc.sql("DELETE FROM user_municipality WHERE user_id = ?").param(handlaggare).update();
        jdbc.sql("INSERT INTO user_municipality (user_id, municipality) VALUES (?, '2361')").param(handlaggare).update();
        try {
            assertThat(get("/api/v1/persons/" + greta).statusCode()).isEqualTo(404);
            assertThat(get("/api/v1/persons/" + alva).statusCode()).isEqualTo(404);
        } finally {
            // The shared test users keep their usual grant (2380 only) for the other tests.
            jdbc.sql("DELETE FROM user_municipality WHERE user_id = ?").param(handlaggare).update();
            jdbc.sql("INSERT INTO user_municipality (user_id, municipality) VALUES (?, '2380')").param(handlaggare).update();
        }
    }

    private HttpResponse<String> grant(WebSession admin, boolean on) {
        Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("displayName", "Test HANDLAGGARE",
                "roles", "HANDLAGGARE", "municipalities", "2380", "schoolUnits", "", "enabled", "true"));
        if (on) {
            form.put("protectedAddresses", "true");
        }
        return admin.post("/admin/anvandare/" + handlaggare, form);
    }

    private WebSession signedIn() {
        WebSession web = new WebSession(port);
        assertThat(web.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD).statusCode()).isEqualTo(302);
        return web;
    }

    private List<String> auditContexts() {
        return jdbc.sql("SELECT context FROM audit_entry WHERE context IS NOT NULL").query(String.class).list();
    }

    private String personId(String pnr) {
        return jdbc.sql("SELECT id::text FROM person WHERE pnr = ?").param(pnr).query(String.class).single();
    }

    private JsonNode api(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path) {
        return WebSession.api(port, TestUsers.basic(Role.HANDLAGGARE)).get(path);
    }
}
