package se.kaa.targetgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import se.kaa.targetgroup.internal.Recomputation;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/**
 * The group and the person over real HTTP, computed from files imported through the real API:
 * members on a date, a person's facts with provenance, her episodes and explanation, and problem
 * details for every bad request.
 */
@KaaIntegrationTest
class TargetGroupApiTest {

    // Skatteverket test numbers.
    static final String ALVA = "200801172388";   // drops out of NA on 2026-03-13
    static final String BERTIL = "200802012385"; // in NA, not in the group
    static final String CELINE = "200802022392"; // never started after grade 9
    static final String GRETA = "200802282384";  // protected identity, drop-out

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802012385;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
            200802022392;Celine;Dahl;2380;2008-02-02;;Storgatan 3;83130;Östersund;NEJ;NORMAL
            200802282384;Greta;Gran;2380;2008-02-28;;Hemliga vägen 4;83130;Östersund;JA;NORMAL
            """;

    static final String INSKRIVNINGAR = """
            personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
            200801172388;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-03-13;AVBROTT
            200802012385;12345678;Östersunds kommun;GY;NA;2024-08-19;;
            200802282384;87654321;Friskolan AB;GY;EK;2024-08-19;2025-10-31;AVBROTT
            """;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired Recomputation recomputation;
    @Autowired JdbcClient jdbc;

    WebSession http;

    @BeforeEach
    void importFiles() {
        database.clean();
        clock.reset();
        http = WebSession.api(port);
        assertThat(upload("folkbokforing", "&asOf=2026-09-01", FOLKBOKFORING).statusCode()).isEqualTo(201);
        assertThat(upload("inskrivningar", "", INSKRIVNINGAR).statusCode()).isEqualTo(201);
    }

    @Test
    void membersOnADateComeWithEntryReasonAndRuleSet() {
        JsonNode body = ok("/api/v1/target-group/members?municipality=2380&date=2026-11-22");
        assertThat(body.get("municipality").asString()).isEqualTo("2380");
        assertThat(body.get("date").asString()).isEqualTo("2026-11-22");
        assertThat(personnummer(body)).containsExactlyInAnyOrder(ALVA, CELINE, GRETA);
        JsonNode alva = member(body, ALVA);
        assertThat(alva.get("entered").asString()).isEqualTo("2026-03-14");
        assertThat(alva.get("reason").asString()).isEqualTo("AVBROTT");
        assertThat(alva.get("ruleSet").asString()).isEqualTo("2023");
        assertThat(UUID.fromString(alva.get("personId").asString())).isNotNull();
        JsonNode celine = member(body, CELINE);
        assertThat(celine.get("reason").asString()).isEqualTo("EJ_PABORJAT");
        assertThat(celine.get("entered").asString()).isEqualTo("2024-06-16");
    }

    @Test
    void enrolmentEndDateIsInclusive() {
        assertThat(personnummer(ok("/api/v1/target-group/members?municipality=2380&date=2026-03-13"))).doesNotContain(ALVA);
        assertThat(personnummer(ok("/api/v1/target-group/members?municipality=2380&date=2026-03-14"))).contains(ALVA);
    }

    @Test
    void dateDefaultsToTodayAndPagesSplitTheList() {
        JsonNode all = ok("/api/v1/target-group/members?municipality=2380");
        assertThat(all.get("date").asString()).isEqualTo(TestClock.DEFAULT_DATE.toString());
        assertThat(all.get("total").asLong()).isEqualTo(3);
        JsonNode first = ok("/api/v1/target-group/members?municipality=2380&page=0&size=2");
        JsonNode second = ok("/api/v1/target-group/members?municipality=2380&page=1&size=2");
        List<String> paged = new ArrayList<>(personnummer(first));
        paged.addAll(personnummer(second));
        assertThat(paged).containsExactlyInAnyOrderElementsOf(personnummer(all)).hasSize(3);
        assertThat(ok("/api/v1/target-group/members?municipality=2380&size=100000").get("members")).hasSize(3);
    }

    @Test
    void personHasFactsWithProvenanceEpisodesAndTodaysExplanation() {
        String id = personId(ALVA);
        JsonNode person = ok("/api/v1/persons/" + id);
        assertThat(person.get("personnummer").asString()).isEqualTo(ALVA);
        assertThat(person.get("givenName").asString()).isEqualTo("Alva");
        assertThat(person.get("address").get("street").asString()).isEqualTo("Storgatan 1");
        JsonNode population = person.get("facts").get("population").get(0);
        assertThat(population.get("source").get("type").asString()).isEqualTo("FOLKBOKFORING");
        assertThat(population.get("source").get("batchId").asLong()).isPositive();
        JsonNode enrolment = person.get("facts").get("enrolments").get(0);
        assertThat(enrolment.get("end").asString()).isEqualTo("2026-03-13");
        assertThat(enrolment.get("source").get("type").asString()).isEqualTo("INSKRIVNINGAR");
        JsonNode episode = person.get("episodes").get(0);
        assertThat(episode.get("entered").asString()).isEqualTo("2026-03-14");
        assertThat(episode.get("reason").asString()).isEqualTo("AVBROTT");
        assertThat(episode.get("entryKind").asString()).isEqualTo("LEFT_SCHOOL");
        assertThat(episode.has("exited")).isFalse();

        JsonNode explanation = person.get("explanation");
        assertThat(explanation.get("member").asBoolean()).isTrue();
        assertThat(explanation.get("ruleSet").asString()).isEqualTo("2023");
        assertThat(explanation.get("conditions")).extracting(c -> c.get("condition").asString())
                .contains("HOME_MUNICIPALITY", "AGE", "COMPULSORY_SCHOOLING_DONE", "NOT_IN_UPPER_SECONDARY",
                        "NO_DIPLOMA", "ALIVE_AND_NOT_EMIGRATED");
        JsonNode school = condition(explanation, "NOT_IN_UPPER_SECONDARY");
        assertThat(school.get("satisfied").asBoolean()).isTrue();
        JsonNode finding = school.get("findings").get(0);
        assertThat(finding.get("text").asString()).contains("2026-03-14");
        assertThat(finding.get("source").get("type").asString()).isEqualTo("INSKRIVNINGAR");
        assertThat(finding.get("source").get("text").asString()).contains("importbatch");
        JsonNode home = condition(explanation, "HOME_MUNICIPALITY");
        assertThat(home.get("findings").get(0).get("source").get("type").asString()).isEqualTo("FOLKBOKFORING");
        assertThat(home.get("label").asString()).contains("Hemkommun");
    }

    @Test
    void explanationForAnyDate() {
        String id = personId(ALVA);
        JsonNode before = ok("/api/v1/persons/" + id + "/explanation?date=2026-03-13");
        assertThat(before.get("member").asBoolean()).isFalse();
        assertThat(condition(before, "NOT_IN_UPPER_SECONDARY").get("satisfied").asBoolean()).isFalse();
        JsonNode in2017 = ok("/api/v1/persons/" + id + "/explanation?date=2017-05-01");
        assertThat(in2017.get("ruleSet").asString()).isEqualTo("2015");
        assertThat(condition(in2017, "AGE").get("satisfied").asBoolean()).isTrue();
        assertThat(condition(in2017, "COMPULSORY_SCHOOLING_DONE").get("satisfied").asBoolean()).isFalse();
        JsonNode none = ok("/api/v1/persons/" + id + "/explanation?date=2014-12-31");
        assertThat(none.get("status").asString()).isEqualTo("NO_RULE_SET");
    }

    @Test
    void protectedIdentityDoesNotGiveOutTheAddressWithoutTheDedicatedPermission() {
        JsonNode greta = ok("/api/v1/persons/" + personId(GRETA));
        assertThat(greta.get("protectedIdentity").asBoolean()).isTrue();
        assertThat(greta.has("address")).isFalse();
        assertThat(greta.toString()).doesNotContain("Hemliga vägen");
    }

    @Test
    void badRequestsGetProblemDetailsNamingTheField() {
        assertProblem("/api/v1/target-group/members?municipality=0000", 400, "municipality");
        assertProblem("/api/v1/target-group/members?municipality=2361", 200, null);
        assertProblem("/api/v1/target-group/members?municipality=1280", 400, "municipality");
        assertProblem("/api/v1/target-group/members?municipality=abc", 400, "municipality");
        assertProblem("/api/v1/target-group/members", 400, "municipality");
        assertProblem("/api/v1/target-group/members?municipality=2380&date=2026-13-01", 400, "date");
        assertProblem("/api/v1/target-group/members?municipality=2380&size=0", 400, "size");
        assertProblem("/api/v1/target-group/members?municipality=2380&size=100001", 400, "size");
        assertProblem("/api/v1/persons/" + personId(ALVA) + "/explanation?date=igår", 400, "date");
        assertProblem("/api/v1/persons/" + UUID.randomUUID(), 404, null);
        assertProblem("/api/v1/persons/not-a-uuid", 404, null);
    }

    @Test
    void recomputingWithoutNewFactsChangesNothing() {
        List<Map<String, Object>> before = episodes();
        Recomputation.Result result = recomputation.recomputeAll("test");
        assertThat(result.persons()).isEqualTo(4);
        assertThat(result.episodesWritten()).isZero();
        assertThat(result.episodesDeleted()).isZero();
        assertThat(episodes()).isEqualTo(before);
    }

    /**
     * Once a full run has written everyone's due day, the daily run recomputes only those whose next
     * change point has come: nobody on a day before the first due day, exactly the persons due on it,
     * and everyone again when the clock is set back before the day they were computed.
     */
    @Test
    void theDailyRunRecomputesOnlyThePersonsWhoseChangePointHasCome() {
        recomputation.recomputeAll("test");
        LocalDate computedOn = clock.today();
        Map<String, Object> first = jdbc.sql("SELECT min(due) AS due, count(*) AS persons FROM targetgroup_due").query().singleRow();
        assertThat((Long) first.get("persons")).isEqualTo(4);
        LocalDate firstDue = ((java.sql.Date) first.get("due")).toLocalDate();
        assertThat(firstDue).isAfter(computedOn);
        long dueThen = jdbc.sql("SELECT count(*) FROM targetgroup_due WHERE due = ?").param(firstDue).query(Long.class).single();

        if (firstDue.isAfter(computedOn.plusDays(1))) {
            clock.setDate(firstDue.minusDays(1));
            recomputation.daily();
            assertThat(lastDailyPersons()).as("persons recomputed the day before the first due day").isZero();
        }
        clock.setDate(firstDue);
        recomputation.daily();
        assertThat(lastDailyPersons()).as("persons recomputed on the first due day").isEqualTo(dueThen);
        assertThat(jdbc.sql("SELECT count(*) FROM targetgroup_due WHERE due <= ?").param(firstDue).query(Long.class).single())
                .as("their next due day moved on").isZero();

        clock.setDate(computedOn.minusDays(30)); // a clock set back: computed on a later day, so due
        recomputation.daily();
        assertThat(lastDailyPersons()).isEqualTo(4);

        // another engine (an upgrade, other target-group settings) may have other change points: everyone
        jdbc.sql("UPDATE recomputation_run SET engine = 'an earlier release' WHERE dues_written").update();
        LocalDate upgraded = firstDue.plusDays(1); // each day's run runs once: a day not run yet
        clock.setDate(upgraded);
        recomputation.daily();
        assertThat(lastDailyPersons()).as("after an upgrade").isEqualTo(4);
        LocalDate next = upgraded.plusDays(1);
        long dueNext = jdbc.sql("SELECT count(*) FROM targetgroup_due WHERE due <= ? OR computed_on > ?")
                .params(next, next).query(Long.class).single();
        clock.setDate(next);
        recomputation.daily();
        assertThat(lastDailyPersons()).as("the day after, the due days being known again").isEqualTo(dueNext);
    }

    /**
     * A file of more persons than a chunk holds (2,000) is recomputed on several threads, each person on the
     * worker of her lock bucket: every person's stored episodes are what the engine computes for her, and
     * every entry the recomputation writes to the audit log names the importer, as on the caller's thread.
     */
    @Test
    void aLargeFileIsRecomputedOnSeveralThreadsWithTheSameEpisodesAndUnderTheImportersName() throws Exception {
        List<String> numbers = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../shared/testdata/testpersonnummer.txt"))
                .stream().map(String::strip).filter(n -> n.matches("(199\\d|200\\d|201[0-2])\\d{8}")).sorted(java.util.Comparator.reverseOrder()).limit(2_200).toList();
        assertThat(numbers).as("Skatteverket's test numbers born 1990–2012, the youngest first: more than a chunk").hasSizeGreaterThan(2_000);
        StringBuilder csv = new StringBuilder("personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;"
                + "adress;postnummer;postort;skyddad;status\n");
        for (String n : numbers) {
            csv.append(n).append(";Test;Testsson;2380;").append(se.kaa.shared.PersonalIdentityNumber.ofStored(n).birthDate())
                    .append(";;Storgatan 1;83130;Östersund;NEJ;NORMAL\n");
        }
        FOLKBOKFORING.lines().skip(1).forEach(row -> csv.append(row).append('\n')); // the residents stay
        long before = jdbc.sql("SELECT coalesce(max(id), 0) FROM audit_entry").query(Long.class).single();
        assertThat(upload("folkbokforing", "&asOf=2026-10-01", csv.toString()).statusCode()).isEqualTo(201);

        List<String> actors = jdbc.sql("SELECT DISTINCT actor FROM audit_entry WHERE id > ? AND action = 'EPISODES_RECOMPUTED'")
                .param(before).query(String.class).list();
        assertThat(actors).containsExactly(se.kaa.testsupport.KaaIntegrationTest.USER);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE id > ? AND action = 'EPISODES_RECOMPUTED'")
                .param(before).query(Long.class).single()).as("entries, one per chunk: the workers'").isGreaterThanOrEqualTo(2);
        Recomputation.Result again = recomputation.recomputeAll("check");
        long accepted = jdbc.sql("SELECT count(*) FROM person WHERE pnr = ANY (CAST(:n AS text[]))")
                .param("n", numbers.stream().collect(java.util.stream.Collectors.joining(",", "{", "}"))).query(Long.class).single();
        assertThat(accepted).as("persons of the file (a few test numbers are refused)").isGreaterThan(2_000);
        assertThat((long) again.persons()).isGreaterThanOrEqualTo(accepted);
        assertThat(again.episodesWritten() + again.episodesDeleted()).as("what the threads stored is what a run finds").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM targetgroup_due").query(Long.class).single()).isEqualTo(again.persons());
        assertThat(jdbc.sql("""
                SELECT count(*) FROM person p WHERE p.pnr = ANY (CAST(:n AS text[]))
                AND EXISTS (SELECT 1 FROM targetgroup_due d WHERE d.person_id = p.id)""")
                .param("n", numbers.stream().collect(java.util.stream.Collectors.joining(",", "{", "}"))).query(Long.class).single())
                .as("every person of the file was recomputed").isEqualTo(accepted);
    }

    private long lastDailyPersons() {
        return jdbc.sql("SELECT persons FROM recomputation_run WHERE cause = 'daily' ORDER BY id DESC LIMIT 1")
                .query(Long.class).single();
    }

    @Test
    void theDailyRunEndsMembershipOnTheTwentiethBirthday() {
        clock.setDate(LocalDate.of(2028, 1, 16));
        recomputation.daily();
        assertThat(personnummer(ok("/api/v1/target-group/members?municipality=2380"))).contains(ALVA);
        clock.setDate(LocalDate.of(2028, 1, 17));
        recomputation.daily();
        assertThat(personnummer(ok("/api/v1/target-group/members?municipality=2380"))).doesNotContain(ALVA);
        JsonNode episode = ok("/api/v1/persons/" + personId(ALVA)).get("episodes").get(0);
        assertThat(episode.get("exited").asString()).isEqualTo("2028-01-17");
        assertThat(episode.get("exitReason").asString()).isEqualTo("FYLLT_20");
    }

    @Test
    void aNewSnapshotWithoutHerMeansSheMovedOut() {
        String later = FOLKBOKFORING.lines().filter(l -> !l.startsWith(CELINE)).reduce("", (a, b) -> a + b + "\n");
        // one of the few test residents missing is under 80 % of the previous snapshot: held, then confirmed
        assertThat(http.uploadHeldAndConfirm("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-11-01", "f.csv",
                later.getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        assertThat(personnummer(ok("/api/v1/target-group/members?municipality=2380&date=2026-10-31"))).contains(CELINE);
        assertThat(personnummer(ok("/api/v1/target-group/members?municipality=2380&date=2026-11-01"))).doesNotContain(CELINE);
        JsonNode episode = ok("/api/v1/persons/" + personId(CELINE)).get("episodes").get(0);
        assertThat(episode.get("exitReason").asString()).isEqualTo("UTFLYTTAD");
    }

    @Test
    void aStopNoticeTakesHerIntoTheGroupAndAnAbsenceShowsOnHerRecord() {
        HttpResponse<String> stop = http.postJson("/api/v1/notices", """
                {"type": "STOP", "personnummer": "200802012385", "municipality": "2380", "schoolUnitCode": "12345678",
                 "organiser": "Östersunds kommun", "schoolType": "GY", "programme": "NA", "date": "2026-10-09",
                 "endReason": "AVBROTT"}""",
                Map.of("Idempotency-Key", "stop-bertil-1"));
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(201);
        JsonNode bertil = member(ok("/api/v1/target-group/members?municipality=2380"), BERTIL);
        assertThat(bertil.get("entered").asString()).isEqualTo("2026-10-10");
        assertThat(bertil.get("reason").asString()).isEqualTo("AVBROTT");
        JsonNode explanation = ok("/api/v1/persons/" + personId(BERTIL)).get("explanation");
        JsonNode source = condition(explanation, "NOT_IN_UPPER_SECONDARY").get("findings").get(0).get("source");
        assertThat(source.get("type").asString()).isEqualTo("NOTICE");

        HttpResponse<String> absence = http.postJson("/api/v1/notices", """
                {"type": "ABSENCE", "personnummer": "200801172388", "municipality": "2380", "schoolUnitCode": "12345678",
                 "organiser": "Östersunds kommun", "schoolType": "GY", "programme": "NA", "date": "2026-02-28",
                 "absence": {"from": "2026-02-01", "to": "2026-02-28", "hours": 12}}""",
                Map.of("Idempotency-Key", "absence-alva-1"));
        assertThat(absence.statusCode()).as(absence.body()).isEqualTo(201);
        JsonNode alvaRecord = ok("/api/v1/persons/" + personId(ALVA));
        assertThat(alvaRecord.has("notices")).as(alvaRecord.toString()).isTrue();
        JsonNode notice = alvaRecord.get("notices").get(0);
        assertThat(notice.get("type").asString()).isEqualTo("ABSENCE");
        assertThat(notice.get("absenceHours").asDouble()).isEqualTo(12.0);
        assertThat(notice.get("absenceFrom").asString()).isEqualTo("2026-02-01");
        // An absence does not change membership.
        assertThat(member(ok("/api/v1/target-group/members?municipality=2380"), ALVA).get("entered").asString())
                .isEqualTo("2026-03-14");
    }

    @Test
    void aSnapshotRowRejectedForAnotherColumnIsNoEvidenceOfAMove() {
        String later = FOLKBOKFORING.replace("200802022392;Celine;Dahl;2380;2008-02-02;",
                "200802022392;Celine;Dahl;2380;2008-02-31;");
        HttpResponse<String> response = upload("folkbokforing", "&asOf=2026-11-01", later);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(WebSession.json(response).get("rowsRejected").asInt()).isEqualTo(1);
        assertThat(personnummer(ok("/api/v1/target-group/members?municipality=2380&date=2026-11-22"))).contains(CELINE);
    }

    @Test
    void theSameSnapshotFileUnderAnotherDateIsAnotherSnapshot() {
        HttpResponse<String> again = upload("folkbokforing", "&asOf=2026-09-01", FOLKBOKFORING);
        assertThat(again.statusCode()).isEqualTo(200);
        HttpResponse<String> later = upload("folkbokforing", "&asOf=2026-11-01", FOLKBOKFORING);
        assertThat(later.statusCode()).isEqualTo(201);
        assertThat(WebSession.json(later).get("id").asLong()).isNotEqualTo(WebSession.json(again).get("id").asLong());
    }

    private HttpResponse<String> upload(String kind, String extra, String csv) {
        return http.upload("/api/v1/imports/" + kind + "?municipality=2380" + extra, kind + ".csv",
                csv.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode ok(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return WebSession.json(response);
    }

    private void assertProblem(String path, int status, String field) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        if (status >= 400) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode body = WebSession.json(response);
            assertThat(body.get("status").asInt()).isEqualTo(status);
            assertThat(body.get("detail").asString()).isNotBlank();
            if (field != null) {
                assertThat(body.get("errors")).extracting(e -> e.get("field").asString()).contains(field);
                assertThat(body.get("errors").get(0).get("message").asString()).isNotBlank();
            }
        }
    }

    private String personId(String pnr) {
        return jdbc.sql("SELECT id FROM person WHERE pnr = ?").param(pnr).query(UUID.class).single().toString();
    }

    private List<Map<String, Object>> episodes() {
        return jdbc.sql("SELECT * FROM membership_episode ORDER BY id").query().listOfRows();
    }

    private static List<String> personnummer(JsonNode body) {
        List<String> result = new ArrayList<>();
        body.get("members").forEach(m -> result.add(m.get("personnummer").asString()));
        return result;
    }

    private static JsonNode member(JsonNode body, String pnr) {
        for (JsonNode m : body.get("members")) {
            if (m.get("personnummer").asString().equals(pnr)) {
                return m;
            }
        }
        throw new AssertionError("No member " + pnr);
    }

    private static JsonNode condition(JsonNode explanation, String condition) {
        for (JsonNode c : explanation.get("conditions")) {
            if (c.get("condition").asString().equals(condition)) {
                return c;
            }
        }
        throw new AssertionError("No condition " + condition);
    }
}
