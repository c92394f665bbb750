package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.security.Role;
import se.kaa.testsupport.WebSession;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.PdfUa;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * When she moves to another municipality (a later folkbokföring snapshot finds her in 2361, not in
 * 2380), her case closes as UTFLYTTAD and a handover package for 2361 is produced: JSON and PDF with
 * what the law allows – no notes – logged on the case and in the audit log.
 */
@KaaIntegrationTest
class HandoverTest {

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired se.kaa.casework.handover.HandoverService handovers;
    @Autowired TestUsers users;

    LetterCases cases;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
        cases = new LetterCases(port, jdbc);
    }

    @Test
    void movingOutProducesAHandoverPackageForTheNewHemkommun() throws Exception {
        long alva = cases.alva();
        jdbc.sql("""
                INSERT INTO casework_contact_details (case_id, phone, email, updated_by, updated_at)
                VALUES (?, '+46701740605', 'alva@example.org', 'test', now())""").param(alva).update();
        jdbc.sql("""
                INSERT INTO casework_occupation (case_id, type, source, started, verified_on, note, recorded_by, recorded_at)
                VALUES (?, 'WORK', 'YOUNG_PERSON', DATE '2026-11-05', DATE '2026-11-10', 'Hemlig anteckning om jobbet', 'test', now())""")
                .param(alva).update();
        long type = jdbc.sql("""
                INSERT INTO casework_measure_type (municipality, code, name, reporting_category)
                VALUES ('2380', 'SYV', 'Studie- och yrkesvägledning', 'VAGLEDNING') RETURNING id""").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO casework_measure (case_id, measure_type_id, responsible, status, offered_on, starts, note,
                                              recorded_by, recorded_at)
                VALUES (?, ?, 'MUNICIPALITY', 'ACCEPTED', DATE '2026-11-08', DATE '2026-11-12', 'Känslig notering', 'test', now())""")
                .params(alva, type).update();
        jdbc.sql("INSERT INTO casework_note (case_id, text, written_by, written_at) VALUES (?, 'Anteckning som stannar', 'test', now())")
                .param(alva).update();

        // She is folkbokförd in 2361 from November, and the 2380 snapshot of that day no longer has her.
        cases.upload("/api/v1/imports/folkbokforing?municipality=2361&asOf=2026-11-01", """
                personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
                200801172388;Alva;Ek;2361;2026-10-28;;Nygatan 5;84031;Åsarna;NEJ;NORMAL
                """);
        String without = LetterCases.FOLKBOKFORING.lines().filter(l -> !l.startsWith("200801172388"))
                .reduce("", (a, b) -> a + b + "\n");
        cases.uploadHeldAndConfirm("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-11-01", without);

        assertThat(jdbc.sql("SELECT status || ' ' || exit_reason FROM casework_case WHERE id = ?").param(alva)
                .query(String.class).single()).isEqualTo("CLOSED UTFLYTTAD");
        assertThat(jdbc.sql("SELECT new_municipality FROM casework_handover WHERE case_id = ?").param(alva)
                .query(String.class).single()).isEqualTo("2361");
        assertThat(jdbc.sql("SELECT kind FROM casework_case_event WHERE case_id = ? ORDER BY id").param(alva)
                .query(String.class).list()).endsWith("CLOSED", "HANDOVER");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry a JOIN casework_case c ON c.person_id = ANY (a.person_ids)
                WHERE a.action = 'HANDOVER_PRODUCED' AND c.id = ?""").param(alva).query(Long.class).single()).isEqualTo(1);

        HttpResponse<String> json = get("/api/v1/cases/" + alva + "/handover", HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        JsonNode h = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json.body());
        assertThat(h.get("newMunicipality").asString()).isEqualTo("2361");
        assertThat(h.get("person").get("personnummer").asString()).isEqualTo("200801172388");
        assertThat(h.get("person").get("givenName").asString()).isEqualTo("Alva");
        assertThat(h.get("contactDetails").get("email").asString()).isEqualTo("alva@example.org");
        assertThat(h.get("occupations").get(0).get("type").asString()).isEqualTo("WORK");
        assertThat(h.get("measures").get(0).get("name").asString()).isEqualTo("Studie- och yrkesvägledning");
        assertThat(h.get("measures").get(0).get("offeredOn").asString()).isEqualTo("2026-11-08");
        assertThat(json.body()).doesNotContain("Hemlig anteckning", "Känslig notering", "Anteckning som stannar");

        se.kaa.testsupport.WebSession web = cases.handlaggare();
        HttpResponse<byte[]> pdf = web.sendWith(HttpRequest.newBuilder(web.uri("/arenden/" + alva + "/overlamning.pdf")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        String text = LetterTest.text(pdf.body());
        assertThat(text).contains("Överlämning till ny hemkommun", "Alva Ek", "200801172388", "Arbete",
                "Studie- och yrkesvägledning").doesNotContain("Hemlig anteckning", "Känslig notering");
        assertThat(PdfUa.failedRules(pdf.body())).isEmpty();

        assertThat(get("/api/v1/cases/" + cases.bertil() + "/handover", HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("no handover while she has not moved").isEqualTo(404);
    }

    @Test
    void aProtectedIdentityIsHandedOverWithoutAddressOrContactDetails() throws Exception {
        long dana = cases.dana();
        jdbc.sql("""
                INSERT INTO casework_contact_details (case_id, phone, email, updated_by, updated_at)
                VALUES (?, '+46701740699', 'dana@example.org', 'test', now())""").param(dana).update();
        String without = LetterCases.FOLKBOKFORING.lines().filter(l -> !l.startsWith("200801012386"))
                .reduce("", (a, b) -> a + b + "\n");
        cases.uploadHeldAndConfirm("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-11-01", without);
        HttpResponse<String> json = get("/api/v1/cases/" + dana + "/handover", HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        assertThat(json.body()).contains("\"protectedIdentity\":true")
                .doesNotContain("Hemligvägen", "dana@example.org", "+46701740699");
    }

    /**
     * Packages are produced a hundred cases at a time, each step one statement for all of them: the
     * details of one case must not reach another's package, and each case gets one package, one event
     * and one audit entry – also when the closing is handed over again (resubmitted after a crash).
     */
    @Test
    void casesMovingOutTogetherEachGetTheirOwnPackage() throws Exception {
        long alva = cases.alva();
        long dana = cases.dana();
        jdbc.sql("""
                INSERT INTO casework_contact_details (case_id, phone, email, updated_by, updated_at)
                VALUES (?, '+46701740605', 'alva@example.org', 'test', now()),
                       (?, '+46701740699', 'dana@example.org', 'test', now())""").params(alva, dana).update();
        String without = LetterCases.FOLKBOKFORING.lines()
                .filter(l -> !l.startsWith("200801172388") && !l.startsWith("200801012386"))
                .reduce("", (a, b) -> a + b + "\n");
        cases.uploadHeldAndConfirm("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-11-01", without);

        JsonNode a = handover(alva);
        JsonNode d = handover(dana);
        assertThat(a.get("caseId").asLong()).isEqualTo(alva);
        assertThat(a.get("contactDetails").get("email").asString()).isEqualTo("alva@example.org");
        assertThat(a.get("person").get("personnummer").asString()).isEqualTo("200801172388");
        assertThat(d.get("caseId").asLong()).isEqualTo(dana);
        assertThat(d.get("person").get("personnummer").asString()).isEqualTo("200801012386");
        assertThat(d.toString()).doesNotContain("dana@example.org", "alva@example.org");
        for (long c : new long[] {alva, dana}) {
            assertThat(jdbc.sql("SELECT count(*) FROM casework_case_event WHERE case_id = ? AND kind = 'HANDOVER'")
                    .param(c).query(Long.class).single()).isEqualTo(1);
        }
        // handed over again: nothing new
        handovers.on(new se.kaa.casework.CasesClosed(List.of(new se.kaa.casework.CaseClosed(alva, "UTFLYTTAD"),
                new se.kaa.casework.CaseClosed(dana, "UTFLYTTAD"))));
        assertThat(jdbc.sql("SELECT count(*) FROM casework_handover WHERE case_id IN (?, ?)").params(alva, dana)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM casework_case_event WHERE case_id IN (?, ?) AND kind = 'HANDOVER'")
                .params(alva, dana).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry a JOIN casework_case c ON c.person_id = ANY (a.person_ids)
                WHERE a.action = 'HANDOVER_PRODUCED' AND c.id IN (?, ?)""").params(alva, dana).query(Long.class).single())
                .isEqualTo(2);
    }

    private JsonNode handover(long caseId) throws Exception {
        HttpResponse<String> json = get("/api/v1/cases/" + caseId + "/handover", HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(json.body());
    }

    private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> handler) throws Exception {
        return WebSession.api(port, TestUsers.basic(Role.HANDLAGGARE))
                .sendWith(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(), handler);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
