package se.kaa.targetgroup;

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

import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The search in the header, over real HTTP as the handläggare (granted 2380; the browser journey to a
 * closed case is in CaseworkJourneyTest): by
 * name, personnummer and case number; persons outside the group and closed cases are found, other
 * municipalities' persons are not; posted, never in a URL; the persons found are audited, the query
 * is not kept.
 */
@KaaIntegrationTest
class SearchTest {

    // Skatteverket test numbers. Alva and Greta left school (cases), Bertil is still in it (no case).
    static final String FOLKBOKFORING_2380 = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802012385;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
            200802282384;Greta;Ekholm;2380;2008-02-28;;Hemliga vägen 4;83130;Östersund;JA;NORMAL
            """;
    static final String INSKRIVNINGAR_2380 = """
            personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
            200801172388;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-11-01;AVBROTT
            200802012385;12345678;Östersunds kommun;GY;NA;2024-08-19;;
            200802282384;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-11-01;AVBROTT
            """;
    static final String FOLKBOKFORING_2361 = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801012386;Carl;Ekdahl;2361;2008-01-01;;Byvägen 2;84031;Åre;NEJ;NORMAL
            """;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    WebSession web;
    long alva;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
        WebSession http = WebSession.api(port);
        upload(http, "folkbokforing?municipality=2380&asOf=2026-09-01", FOLKBOKFORING_2380);
        upload(http, "inskrivningar?municipality=2380", INSKRIVNINGAR_2380);
        upload(http, "folkbokforing?municipality=2361&asOf=2026-09-01", FOLKBOKFORING_2361);
        alva = jdbc.sql("SELECT c.id FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.pnr = '200801172388'")
                .query(Long.class).single();
        web = new WebSession(port);
        assertThat(web.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void byNameInAndOutsideTheGroupButNotInAnotherMunicipality() {
        String ek = search("ek");
        // "ek" is in Alva Ek and Greta Ekholm (2380), and in Carl Ekdahl – of Åre, which she is not granted
        assertThat(names(ek)).containsExactly("Alva Ek", "Greta Ekholm");
        assertThat(ek).contains("2 träffar på namn.", "href=\"/arenden/" + alva + "\"", "öppet sedan 2026-11-02",
                "Skyddad identitet").doesNotContain("Ekdahl", "200801012386");
        // outside the group: found, without a case
        String berg = search("bertil BERG");
        assertThat(names(berg)).containsExactly("Bertil Berg");
        assertThat(berg).contains("1 träff på namn.", "Inget ärende", "20080201-2385");
        assertThat(search("ekdahl")).contains("Ingen person med det namnet finns i de kommuner du har behörighet till.");
        // LIKE's wildcards are letters like any other
        assertThat(names(search("%"))).isEmpty();
        assertThat(names(search("_"))).isEmpty();
    }

    @Test
    void aNameFoundMoreThanFiftyTimesShowsTheFirstFiftyAndSaysSo() {
        StringBuilder csv = new StringBuilder(FOLKBOKFORING_2380.lines().findFirst().orElseThrow()).append('\n');
        se.kaa.demo.TestPersonnummer.load().stream().filter(p -> p.birthDate().getYear() == 2007).limit(51)
                .forEach(p -> csv.append(p.value()).append(";Kim;Lind;2380;2007-06-01;;Storgatan 9;83130;Östersund;NEJ;NORMAL\n"));
        upload(WebSession.api(port), "folkbokforing?municipality=2380&asOf=2026-09-02", csv.toString());
        String page = search("lind");
        assertThat(names(page)).hasSize(50);
        assertThat(page).contains("Fler än 50 träffar: bara de 50 första visas.");
        assertThat(search("kim lind")).contains("Fler än 50 träffar");
    }

    @Test
    void byPersonnummerInEveryWayItIsWrittenAndNeverInAUrl() {
        for (String typed : List.of("20080117-2388", "200801172388", "080117-2388", "0801172388", "20080117 2388")) {
            assertThat(names(search(typed))).as(typed).containsExactly("Alva Ek");
        }
        assertThat(search("080117-2388")).contains("1 träff på personnummer.");
        HttpResponse<String> wrong = web.post("/sok", Map.of("q", "20080117-2389"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Personnumret är inte giltigt", "aria-invalid=\"true\"");
        assertThat(search("20080101-2386")).contains("Ingen person med det personnumret"); // Carl, of Åre
        // the query is not kept: the audit entries say how she searched, and whom she found
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'PERSONS_SEARCHED' AND context LIKE '%2388%'")
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT DISTINCT context FROM audit_entry WHERE action = 'PERSONS_SEARCHED'")
                .query(String.class).list()).containsExactly("POST /sok by personnummer");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry a JOIN person p ON p.id = ANY (a.person_ids)
                WHERE a.action = 'PERSONS_SEARCHED' AND p.pnr = '200801172388'""").query(Integer.class).single())
                .isEqualTo(6); // the five ways, and once more for the count
        // the search is a form posted: a GET with a query searches nothing
        assertThat(web.get("/sok?q=200801172388").body()).doesNotContain("Alva Ek");
    }

    @Test
    void byCaseNumberAndAClosedCaseIsFound() {
        jdbc.sql("UPDATE casework_case SET status = 'CLOSED', closed_on = DATE '2026-11-20', exit_reason = 'UTFLYTTAD' WHERE id = ?")
                .param(alva).update();
        String byNumber = search(String.valueOf(alva));
        assertThat(names(byNumber)).containsExactly("Alva Ek");
        assertThat(byNumber).contains("1 träff på ärendenummer.", "avslutat 2026-11-20");
        assertThat(names(search("ärende " + alva))).containsExactly("Alva Ek");
        assertThat(search("987654")).contains("Inget ärende med det numret");
        assertThat(search("")).contains("Skriv ett namn, ett personnummer eller ett ärendenummer");
    }

    @Test
    void theAdministratorFindsPersonsButNoCasesAndTheSkolrapportorHasNoSearch() {
        WebSession admin = new WebSession(port);
        admin.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        String page = admin.post("/sok", Map.of("q", "ek")).body();
        assertThat(page).contains("Alva Ek").doesNotContain("/arenden/" + alva);
        assertThat(web.get("/arenden").body()).contains("id=\"header-search-q\"");
        WebSession reporter = new WebSession(port);
        reporter.login(TestUsers.username(Role.SKOLRAPPORTOR), TestUsers.PASSWORD);
        assertThat(reporter.get("/anmalningar/ny").body()).doesNotContain("header-search");
        assertThat(reporter.post("/sok", Map.of("q", "ek")).statusCode()).isEqualTo(403);
    }

    private String search(String q) {
        HttpResponse<String> r = web.post("/sok", Map.of("q", q));
        assertThat(r.statusCode()).as(q).isIn(200, 400);
        return r.body();
    }

    /** The names in the results table, in order. */
    private static List<String> names(String page) {
        int start = page.indexOf("id=\"results\"");
        if (start < 0) {
            return List.of();
        }
        String table = page.substring(start, page.indexOf("</table>", start));
        return java.util.regex.Pattern.compile("href=\"/personer/[^\"]+\">([^<]+)</a>").matcher(table).results()
                .map(m -> m.group(1)).toList();
    }

    private static void upload(WebSession http, String path, String csv) {
        assertThat(http.upload("/api/v1/imports/" + path, "f.csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(201);
    }
}
