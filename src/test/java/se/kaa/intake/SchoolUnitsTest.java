package se.kaa.intake;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The school unit register over real HTTP: a file of units through the API and the page, every refused
 * row named with its line, column and what is expected, the rest saved; and every page that showed a
 * code now says "Name (code)", a komvux enrolment visibly not upper secondary.
 */
@KaaIntegrationTest
class SchoolUnitsTest {

    static final String UNITS = """
            skolenhetskod;namn;huvudman;skolformer;kommunkod
            12345678;Storsjöskolan;Östersunds kommun;GY, GYS;2380
            87654321;Komvux Östersund;Östersunds kommun;VUX;2380
            123;Kort kod;;GY;2380
            11112222;;Huvudman;GY;2380
            22223333;Okänd skolform;;GYX;2380
            33334444;Fel kommun;;GY;23
            12345678;Dubblett;;GY;2380
            44445555;För många fält;;GY;2380;extra
            """;
    // Skatteverket test numbers: Alva left Storsjöskolan, Bertil studies at komvux
    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802012385;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
            """;
    static final String INSKRIVNINGAR = """
            personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
            200801172388;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-11-01;AVBROTT
            200802012385;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-06-10;AVBROTT
            200802012385;87654321;Östersunds kommun;VUX;;2026-08-17;;
            """;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;
    @Autowired SchoolUnits register;

    WebSession http;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
        http = WebSession.api(port);
    }

    @Test
    void theRowsThatPassAreSavedAndEachRefusedRowSaysWhere() {
        HttpResponse<String> r = upload(UNITS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = WebSession.json(r);
        assertThat(result.get("rows").asInt()).isEqualTo(8);
        assertThat(result.get("saved").asInt()).isEqualTo(2);
        JsonNode refused = result.get("refused");
        assertThat(refused).hasSize(6);
        assertThat(refused.get(0).get("line").asLong()).isEqualTo(4);
        assertThat(refused.get(0).get("column").asString()).isEqualTo("skolenhetskod");
        assertThat(refused.get(0).get("message").asString()).isEqualTo("Skolenhetskoden ska vara åtta siffror (var ”123”).");
        assertThat(refused.get(1).get("column").asString()).isEqualTo("namn");
        assertThat(refused.get(1).get("message").asString()).isEqualTo("Fältet måste fyllas i.");
        assertThat(refused.get(2).get("message").asString()).startsWith("Okänd skolform: GYX.");
        assertThat(refused.get(3).get("message").asString()).isEqualTo("Kommunkoden ska vara fyra siffror (var ”23”).");
        assertThat(refused.get(4).get("message").asString()).contains("finns redan på en tidigare rad");
        assertThat(refused.get(5).get("message").asString()).isEqualTo("Raden har 6 fält men rubrikraden 5.");
        assertThat(register.label("12345678")).isEqualTo("Storsjöskolan (12345678)");
        assertThat(register.label("99999999")).isEqualTo("99999999");
        assertThat(register.find("87654321").orElseThrow().notUpperSecondary()).isTrue();
        assertThat(register.find("12345678").orElseThrow().notUpperSecondary()).isFalse();

        // the same file again changes nothing; a new name replaces the old
        assertThat(WebSession.json(upload(UNITS)).get("saved").asInt()).isZero();
        assertThat(WebSession.json(upload("""
                skolenhetskod;namn;huvudman;skolformer;kommunkod
                12345678;Storsjögymnasiet;Östersunds kommun;GY,GYS;2380
                """)).get("saved").asInt()).isEqualTo(1);
        assertThat(register.label("12345678")).isEqualTo("Storsjögymnasiet (12345678)");

        // a file without the columns is refused whole, in Swedish
        HttpResponse<String> wrong = upload("kod;namn\n12345678;X\n");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(wrong.body()).contains("skolenhetskod;namn;huvudman;skolformer;kommunkod");
    }

    @Test
    void pagesSayNameAndCodeAndKomvuxIsNotUpperSecondary() {
        assertThat(upload(UNITS).statusCode()).isEqualTo(200);
        assertThat(http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "f.csv",
                FOLKBOKFORING.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        assertThat(http.upload("/api/v1/imports/inskrivningar?municipality=2380", "i.csv",
                INSKRIVNINGAR.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        long alva = jdbc.sql("SELECT c.id FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.pnr = '200801172388'")
                .query(Long.class).single();
        WebSession worker = new WebSession(port);
        worker.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD);
        String worklist = worker.get("/arenden").body();
        assertThat(worklist).contains("title=\"Storsjöskolan (12345678)\">Storsjöskolan</span>", "<option value=\"12345678\">Storsjöskolan (12345678)</option>");
        assertThat(worker.get("/arenden/" + alva).body()).contains("id=\"school\">Storsjöskolan (12345678)");
        // the group's school filter is the worklist's: the same label, the same "Name (code)"
        assertThat(worker.get("/malgrupp?municipality=2380&date=2026-11-22").body())
                .contains("<label for=\"school\">Skolenhet</label>", "<option value=\"12345678\">Storsjöskolan (12345678)</option>",
                        "<td>Storsjöskolan (12345678)</td>")
                .doesNotContain("12345678 – Östersunds kommun");
        String bertil = jdbc.sql("SELECT id::text FROM person WHERE pnr = '200802012385'").query(String.class).single();
        String person = worker.get("/personer/" + bertil).body();
        assertThat(person).contains("Komvux Östersund (87654321)", "Storsjöskolan (12345678)", "inte gymnasieskola");
    }

    @Test
    void theManagerKeepsTheRegisterOnItsPage() {
        WebSession manager = new WebSession(port);
        manager.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
        assertThat(manager.get("/admin/skolenheter").body()).contains("Registret är tomt");
        assertThat(manager.get("/importer").body()).contains("href=\"/admin/skolenheter\"");
        String boundary = "----kaa" + UUID.randomUUID();
        HttpResponse<String> page = manager.send(HttpRequest.newBuilder(manager.uri("/admin/skolenheter"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(WebSession.multipart(boundary, "skolenheter.csv",
                        UNITS.getBytes(StandardCharsets.UTF_8), Map.of("_csrf", manager.csrf()))))
                .build());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("2 skolenheter nya eller ändrade, inga oförändrade.",
                "6 rader avvisades; de övriga raderna är sparade.", "Skolenhetskoden ska vara åtta siffror (var ”123”).",
                "2 skolenheter i registret.", "Komvux Östersund", "inte gymnasieskola");
        WebSession worker = new WebSession(port);
        worker.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD);
        assertThat(worker.get("/admin/skolenheter").statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> upload(String csv) {
        return http.upload("/api/v1/school-units", "skolenheter.csv", csv.getBytes(StandardCharsets.UTF_8));
    }
}
