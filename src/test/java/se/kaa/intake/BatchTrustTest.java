package se.kaa.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import se.kaa.demo.TestPersonnummer;
import se.kaa.security.Role;
import se.kaa.shared.PersonalIdentityNumber;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * A wrong file must not wipe a caseload (issue 8): a folkbokföring snapshot that would move many
 * residents out is held until an enhetschef or administrator confirms it, and nothing of it counts
 * until then; every import says what it did; an applied batch can be withdrawn, and cases it closed
 * reopen with everything recorded on them. Over real HTTP, with the real import pipeline.
 */
@KaaIntegrationTest
class BatchTrustTest {

    static final String HEADER = "personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;"
            + "postnummer;postort;skyddad;status\n";
    static final String ENROLMENTS = "personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak\n";
    static final int RESIDENTS = 40;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    WebSession http;
    /** Skatteverket test numbers born 2007–2009: out of compulsory school, in no upper secondary school. */
    List<PersonalIdentityNumber> residents;
    long firstBatch;

    @BeforeEach
    void aMunicipalityWithFortyMembersAndTheirCases() {
        database.clean();
        clock.reset();
        users.ensure();
        http = WebSession.api(port);
        residents = TestPersonnummer.load().stream()
                .filter(p -> p.birthDate().getYear() >= 2007 && p.birthDate().getYear() <= 2009)
                .filter(p -> Integer.parseInt(p.value().substring(6, 8)) <= 31) // personnummer, not samordningsnummer
                .limit(RESIDENTS).toList();
        assertThat(residents).hasSize(RESIDENTS);
        HttpResponse<String> first = upload("2026-09-01", snapshot(residents));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        firstBatch = WebSession.json(first).get("id").asLong();
    }

    @Test
    void everyImportSaysWhatItDidToTheGroupAndTheCases() {
        JsonNode report = WebSession.json(http.get("/api/v1/imports/" + firstBatch));
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("followUp").asString()).isEqualTo("DONE");
        JsonNode effects = report.get("effects");
        assertThat(effects.get("entered").get("EJ_PABORJAT").asInt()).isEqualTo(RESIDENTS);
        assertThat(effects.get("left").isEmpty()).isTrue();
        assertThat(effects.get("casesOpened").asInt()).isEqualTo(RESIDENTS);
        assertThat(effects.get("casesClosed").asInt()).isZero();

        // three of them start upper secondary school: they leave the group and their cases close
        StringBuilder enrolled = new StringBuilder(ENROLMENTS);
        residents.subList(0, 3).forEach(p -> enrolled.append(p.value()).append(";12345678;Östersunds kommun;GY;NA;2026-10-05;;\n"));
        JsonNode second = WebSession.json(http.upload("/api/v1/imports/inskrivningar?municipality=2380", "e.csv",
                enrolled.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(second.get("effects").get("left").get("PABORJAT_UTBILDNING").asInt()).isEqualTo(3);
        assertThat(second.get("effects").get("casesClosed").asInt()).isEqualTo(3);
        assertThat(second.get("effects").get("entered").isEmpty()).isTrue();
    }

    @Test
    void aPartialSnapshotIsHeldAndNothingOfItCountsUntilConfirmed() {
        recordWorkOnEveryCase();
        List<PersonalIdentityNumber> three = residents.subList(0, 3);

        HttpResponse<String> held = upload("2026-11-01", snapshot(three));

        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        assertThat(held.headers().firstValue("Location")).isPresent();
        JsonNode report = WebSession.json(held);
        long batch = report.get("id").asLong();
        assertThat(report.get("status").asString()).isEqualTo("AWAITING_CONFIRMATION");
        JsonNode hold = report.get("hold");
        assertThat(hold.get("movedOut").asInt()).isEqualTo(RESIDENTS - 3);
        assertThat(hold.get("casesClosing").asInt()).isEqualTo(RESIDENTS - 3);
        assertThat(hold.get("listed").asInt()).isEqualTo(3);
        assertThat(hold.get("previousListed").asInt()).isEqualTo(RESIDENTS);
        assertThat(hold.get("previousBatch").asLong()).isEqualTo(firstBatch);
        assertThat(hold.get("reasons").toString()).contains("MOVED_OUT", "FEW_LISTED");
        assertThat(report.has("followUp")).as("nothing to follow up while held").isFalse();
        // nothing of it counts: the group, the cases and the facts are as before
        assertThat(members()).isEqualTo(RESIDENTS);
        assertThat(openCases()).isEqualTo(RESIDENTS);
        assertThat(jdbc.sql("SELECT count(*) FROM population_record WHERE batch_id = ?").param(batch)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM import_batch WHERE id = ? AND as_of IS NOT NULL AND status = 'COMPLETED'")
                .param(batch).query(Long.class).single()).as("not a snapshot the engine sees").isZero();
        // the same file again is the same held batch
        HttpResponse<String> again = upload("2026-11-01", snapshot(three));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(WebSession.json(again).get("id").asLong()).isEqualTo(batch);

        // only a person decides: not a system client, not a case worker
        assertThat(post("/api/v1/imports/" + batch + "/confirm", "", TestUsers.basic(Role.SYSTEM)).statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/imports/" + batch + "/confirm", "", TestUsers.basic(Role.HANDLAGGARE)).statusCode()).isEqualTo(403);

        HttpResponse<String> confirmed = post("/api/v1/imports/" + batch + "/confirm", "", TestUsers.basic(Role.ENHETSCHEF));

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        JsonNode after = WebSession.json(confirmed);
        assertThat(after.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(after.get("followUp").asString()).isEqualTo("DONE");
        assertThat(after.get("decision").get("kind").asString()).isEqualTo("CONFIRMED");
        assertThat(after.get("decision").get("by").asString()).isEqualTo(TestUsers.username(Role.ENHETSCHEF));
        assertThat(after.get("effects").get("left").get("UTFLYTTAD").asInt()).isEqualTo(RESIDENTS - 3);
        assertThat(after.get("effects").get("casesClosed").asInt()).isEqualTo(RESIDENTS - 3);
        assertThat(members()).isEqualTo(3);
        assertThat(openCases()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM intake_held_row").query(Long.class).single()).isZero();
        assertThat(actions(batch)).contains("IMPORT_HELD", "IMPORT_CONFIRMED");
        // a second confirmation is refused
        HttpResponse<String> twice = post("/api/v1/imports/" + batch + "/confirm", "", TestUsers.basic(Role.ENHETSCHEF));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(WebSession.json(twice).get("detail").asString()).contains("väntar inte på bekräftelse");
    }

    @Test
    void aDiscardedSnapshotNeverCountsAndCannotBeConfirmedAfterwards() {
        long batch = WebSession.json(upload("2026-11-01", snapshot(residents.subList(0, 3)))).get("id").asLong();

        HttpResponse<String> discarded = post("/api/v1/imports/" + batch + "/discard", "{\"reason\": \"Fel uttag\"}",
                TestUsers.basic(Role.ENHETSCHEF));

        assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
        assertThat(WebSession.json(discarded).get("status").asString()).isEqualTo("DISCARDED");
        assertThat(WebSession.json(discarded).get("decision").get("reason").asString()).isEqualTo("Fel uttag");
        assertThat(members()).isEqualTo(RESIDENTS);
        assertThat(openCases()).isEqualTo(RESIDENTS);
        assertThat(post("/api/v1/imports/" + batch + "/confirm", "", TestUsers.basic(Role.ENHETSCHEF)).statusCode())
                .isEqualTo(409);
        // a discarded file is no duplicate: the same file can be uploaded again (and is held again)
        assertThat(upload("2026-11-01", snapshot(residents.subList(0, 3))).statusCode()).isEqualTo(202);
    }

    @Test
    void anOrdinaryMonthIsNotHeld() {
        // 2 of 40 move out: under both 10 % and 25 persons
        HttpResponse<String> next = upload("2026-11-01", snapshot(residents.subList(2, RESIDENTS)));
        assertThat(next.statusCode()).as(next.body()).isEqualTo(201);
        assertThat(WebSession.json(next).get("effects").get("left").get("UTFLYTTAD").asInt()).isEqualTo(2);
        assertThat(members()).isEqualTo(RESIDENTS - 2);
    }

    @Test
    void withdrawingAConfirmedSnapshotReopensTheCasesItClosedWithEverythingRecordedOnThem() {
        recordWorkOnEveryCase();
        long batch = WebSession.json(upload("2026-11-01", snapshot(residents.subList(0, 3)))).get("id").asLong();
        assertThat(post("/api/v1/imports/" + batch + "/confirm", "", TestUsers.basic(Role.ADMINISTRATOR)).statusCode())
                .isEqualTo(200);
        assertThat(openCases()).isEqualTo(3);

        assertThat(post("/api/v1/imports/" + batch + "/withdraw", "{}", TestUsers.basic(Role.ENHETSCHEF)).statusCode())
                .as("a reason is required").isEqualTo(400);
        assertThat(post("/api/v1/imports/" + batch + "/withdraw", "{\"reason\": \"Delfil\"}", TestUsers.basic(Role.SYSTEM))
                .statusCode()).isEqualTo(403);
        HttpResponse<String> withdrawn = post("/api/v1/imports/" + batch + "/withdraw",
                "{\"reason\": \"Filen var bara en del av uttaget\"}", TestUsers.basic(Role.ENHETSCHEF));

        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        JsonNode report = WebSession.json(withdrawn);
        assertThat(report.get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(report.get("followUp").asString()).isEqualTo("DONE");
        assertThat(report.get("decision").get("reason").asString()).isEqualTo("Filen var bara en del av uttaget");
        assertThat(report.get("effects").get("casesReopened").asInt()).isEqualTo(RESIDENTS - 3);
        assertThat(members()).isEqualTo(RESIDENTS);
        assertThat(openCases()).isEqualTo(RESIDENTS);
        // everything recorded on the cases is still there, on the same cases
        assertThat(jdbc.sql("SELECT count(DISTINCT case_id) FROM casework_contact_attempt").query(Long.class).single())
                .isEqualTo(RESIDENTS);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM casework_case c WHERE c.status = 'OPEN'
                AND EXISTS (SELECT 1 FROM casework_contact_attempt a WHERE a.case_id = c.id)""").query(Long.class).single())
                .isEqualTo(RESIDENTS);
        // its facts are kept apart and audited
        assertThat(jdbc.sql("SELECT count(*) FROM intake_withdrawn_fact WHERE batch_id = ?").param(batch)
                .query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM population_record WHERE batch_id = ?").param(batch)
                .query(Long.class).single()).isZero();
        assertThat(actions(batch)).contains("IMPORT_WITHDRAWN");
        // and it cannot be withdrawn twice
        assertThat(post("/api/v1/imports/" + batch + "/withdraw", "{\"reason\": \"igen\"}", TestUsers.basic(Role.ENHETSCHEF))
                .statusCode()).isEqualTo(409);
    }

    @Test
    void withdrawingABatchAndImportingTheSameFileAgainGivesTheStateOfImportingItOnce() {
        StringBuilder file = new StringBuilder(ENROLMENTS);
        residents.subList(0, 5).forEach(p -> file.append(p.value()).append(";12345678;Östersunds kommun;GY;NA;2026-10-05;;\n"));
        file.append(residents.get(5).value()).append(";12345678;Östersunds kommun;GY;NA;2024-08-19;2026-10-30;AVBROTT\n");
        byte[] enrolments = file.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> once = http.upload("/api/v1/imports/inskrivningar?municipality=2380", "e.csv", enrolments);
        assertThat(once.statusCode()).isEqualTo(201);
        long batch = WebSession.json(once).get("id").asLong();
        List<String> episodesOnce = episodes();
        List<String> casesOnce = cases();
        assertThat(openCases()).isEqualTo(RESIDENTS - 5);

        HttpResponse<String> withdrawn = post("/api/v1/imports/" + batch + "/withdraw", "{\"reason\": \"Test\"}",
                TestUsers.basic(Role.ADMINISTRATOR));
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(openCases()).as("the five are members again without the file").isEqualTo(RESIDENTS);
        assertThat(episodes()).isNotEqualTo(episodesOnce);

        HttpResponse<String> again = http.upload("/api/v1/imports/inskrivningar?municipality=2380", "e.csv", enrolments);

        assertThat(again.statusCode()).as("a withdrawn file is no duplicate").isEqualTo(201);
        assertThat(WebSession.json(again).get("id").asLong()).isNotEqualTo(batch);
        assertThat(episodes()).isEqualTo(episodesOnce);
        assertThat(cases()).isEqualTo(casesOnce);
    }

    @Test
    void onTheBatchPageAManagerSeesWhatAHeldFileWouldDoAndDecidesThere() {
        long batch = WebSession.json(upload("2026-11-01", snapshot(residents.subList(0, 3)))).get("id").asLong();
        WebSession eva = new WebSession(port);
        assertThat(eva.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD).statusCode()).isEqualTo(302);

        String page = eva.get("/importer/" + batch).body();

        assertThat(page).contains("Väntar på bekräftelse", "37 personer räknas som utflyttade, 37 ärenden stängs",
                "Filen listar 3 personer, färre än 80 % av de 40", "Läs in filen ändå", "Kassera filen");
        assertThat(page).doesNotContain("AWAITING_CONFIRMATION", "MOVED_OUT", "FEW_LISTED");
        // the confirmation must be ticked: a click alone does nothing
        assertThat(eva.post("/importer/" + batch + "/bekrafta", Map.of()).statusCode()).isEqualTo(302);
        assertThat(eva.get("/importer/" + batch).body()).contains("Kryssa i att du har kontrollerat filen");
        assertThat(members()).isEqualTo(RESIDENTS);

        assertThat(eva.post("/importer/" + batch + "/bekrafta", Map.of("checked", "ja")).statusCode()).isEqualTo(302);

        String confirmed = eva.get("/importer/" + batch).body();
        assertThat(confirmed).contains("Filen är bekräftad och inläst", "Bekräftad", "Vad filen ändrade",
                "37 personer lämnade målgruppen", "Utflyttad 37", "37 stängda", "Återkalla filen");
        assertThat(members()).isEqualTo(3);

        // withdrawing asks why first, and keeps what was typed when it is refused
        String form = eva.get("/importer/" + batch + "/aterkalla").body();
        assertThat(form).contains("Återkalla import nr " + batch, "öppnas ärenden som filen stängde igen");
        var refused = eva.post("/importer/" + batch + "/aterkalla", Map.of("reason", "   "));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Ange varför filen återkallas");
        assertThat(eva.post("/importer/" + batch + "/aterkalla", Map.of("reason", "Bara en del av uttaget")).statusCode())
                .isEqualTo(302);

        String withdrawn = eva.get("/importer/" + batch).body();
        assertThat(withdrawn).contains("Återkallad", "Bara en del av uttaget", "Vad återkallandet ändrade",
                "37 återöppnade");
        assertThat(withdrawn).doesNotContain("WITHDRAWN", "Återkalla filen …");
        assertThat(members()).isEqualTo(RESIDENTS);
    }

    /** A contact attempt on every case, so that closing and reopening must keep it. */
    private void recordWorkOnEveryCase() {
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, recorded_by, recorded_at)
                SELECT id, now(), 'PHONE', 'NO_ANSWER', 'test', now() FROM casework_case""").update();
    }

    private HttpResponse<String> upload(String asOf, String csv) {
        return http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=" + asOf, "folkbokforing.csv",
                csv.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, String json, String authorization) {
        return http.send(java.net.http.HttpRequest.newBuilder(http.uri(path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static String snapshot(List<PersonalIdentityNumber> persons) {
        StringBuilder csv = new StringBuilder(HEADER);
        int n = 0;
        for (PersonalIdentityNumber p : persons) {
            LocalDate born = p.birthDate();
            csv.append(p.value()).append(";Namn").append(n).append(";Efternamn").append(n++).append(";2380;")
                    .append(born).append(";;Storgatan ").append(n).append(";83130;Östersund;NEJ;NORMAL\n");
        }
        return csv.toString();
    }

    private long members() {
        return jdbc.sql("""
                SELECT count(*) FROM membership_episode WHERE municipality = '2380'
                AND entered <= ? AND (exited IS NULL OR exited > ?)""").params(clock.today(), clock.today())
                .query(Long.class).single();
    }

    private long openCases() {
        return jdbc.sql("SELECT count(*) FROM casework_case WHERE status = 'OPEN'").query(Long.class).single();
    }

    private List<String> actions(long batch) {
        return jdbc.sql("SELECT action FROM audit_entry WHERE batch_id = ? ORDER BY id").param(batch).query(String.class).list();
    }

    private List<String> episodes() {
        return jdbc.sql("""
                SELECT p.pnr || ' ' || e.municipality || ' ' || e.entered || ' ' || e.reason || ' '
                       || coalesce(e.exited::text, '-') || ' ' || coalesce(e.exit_reason, '-')
                FROM membership_episode e JOIN person p ON p.id = e.person_id ORDER BY 1""").query(String.class).list();
    }

    private List<String> cases() {
        return jdbc.sql("""
                SELECT c.id || ' ' || p.pnr || ' ' || c.status || ' ' || c.entered || ' ' || c.reason || ' '
                       || coalesce(c.closed_on::text, '-') || ' ' || coalesce(c.exit_reason, '-')
                FROM casework_case c JOIN person p ON p.id = c.person_id ORDER BY c.id""").query(String.class).list();
    }
}
