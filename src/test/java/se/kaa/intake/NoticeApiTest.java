package se.kaa.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kaa.intake.ImportApiTest.assertProblem;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
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

import se.kaa.person.PersonDirectory;
import se.kaa.shared.PersonalIdentityNumber;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/** Notices from school organisers over real HTTP. */
@KaaIntegrationTest
class NoticeApiTest {

    static final String ASA = "200701012387";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired DatabaseCleaner cleaner;
    @Autowired TestClock clock;
    @Autowired PersonDirectory persons;
    @Autowired NoticeLookup notices;
    @Autowired FactStore facts;

    WebSession http;

    @BeforeEach
    void setUp() {
        cleaner.clean();
        clock.reset();
        http = WebSession.api(port);
    }

    @Test
    void startOpensAnEnrolmentAndGivesAReceiptWithLocation() {
        HttpResponse<String> response = post(key(), """
                {"type": "START", "personnummer": "20070101-2387", "municipality": "2380", "schoolUnitCode": "12345678",
                 "organiser": "Östersunds kommun", "schoolType": "GY", "programme": "na", "date": "2026-11-16"}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode receipt = WebSession.json(response);
        long id = receipt.get("id").asLong();
        assertThat(receipt.get("receivedAt").asString()).isEqualTo(clock.instant().toString());
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/notices/" + id);

        var enrolment = facts.factsFor(List.of(asa())).get(0).enrolments();
        assertThat(enrolment).singleElement().satisfies(e -> {
            assertThat(e.start()).isEqualTo(LocalDate.of(2026, 11, 16));
            assertThat(e.programme()).isEqualTo("NA");
            assertThat(e.provenance().source()).isEqualTo(FactSource.NOTICE);
            assertThat(e.provenance().noticeId()).isEqualTo(id);
        });

        HttpResponse<String> get = http.get("/api/v1/notices/" + id);
        assertThat(get.statusCode()).isEqualTo(200);
        JsonNode view = WebSession.json(get);
        assertThat(view.get("type").asString()).isEqualTo("START");
        assertThat(view.get("schoolUnitCode").asString()).isEqualTo("12345678");
        assertThat(get.body()).doesNotContain("2387");
    }

    @Test
    void stopEndsTheOpenEnrolmentAtThatSchoolAndALaterFileDoesNotReopenIt() {
        String enrolments = """
                personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
                200701012387;12345678;Östersunds kommun;GY;NA;2023-08-21;;
                """;
        assertThat(http.upload("/api/v1/imports/inskrivningar?municipality=2380", "i.csv", enrolments.getBytes()).statusCode())
                .isEqualTo(201);

        HttpResponse<String> response = post(key(), """
                {"type": "STOP", "personnummer": "200701012387", "municipality": "2380", "schoolUnitCode": "12345678",
                 "date": "2026-11-20", "endReason": "AVBROTT"}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        long id = WebSession.json(response).get("id").asLong();
        assertThat(facts.factsFor(List.of(asa())).get(0).enrolments()).singleElement().satisfies(e -> {
            assertThat(e.end()).isEqualTo(LocalDate.of(2026, 11, 20));
            assertThat(e.endReason()).isEqualTo(EnrolmentEndReason.AVBROTT);
            assertThat(e.endProvenance().source()).isEqualTo(FactSource.NOTICE);
            assertThat(e.endProvenance().noticeId()).isEqualTo(id);
        });

        // the student register has not caught up yet: the enrolment is still open in its next file
        String stillOpen = enrolments + "200701232381;12345678;Östersunds kommun;GY;TE;2023-08-21;;\n";
        assertThat(http.upload("/api/v1/imports/inskrivningar?municipality=2380", "i2.csv", stillOpen.getBytes()).statusCode())
                .isEqualTo(201);
        assertThat(facts.factsFor(List.of(asa())).get(0).enrolments()).singleElement().satisfies(e -> {
            assertThat(e.end()).isEqualTo(LocalDate.of(2026, 11, 20));
            assertThat(e.endReason()).isEqualTo(EnrolmentEndReason.AVBROTT);
        });
    }

    @Test
    void aStopStatesItsReasonWhichIsStoredOnTheNoticeAndAsTheEnrolmentsEndReason() {
        importOpenEnrolment();
        HttpResponse<String> response = post(key(), """
                {"type": "STOP", "personnummer": "200701012387", "municipality": "2380", "schoolUnitCode": "12345678",
                 "date": "2026-11-20", "endReason": "byte"}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        long id = WebSession.json(response).get("id").asLong();
        assertThat(facts.factsFor(List.of(asa())).get(0).enrolments()).singleElement()
                .satisfies(e -> assertThat(e.endReason()).isEqualTo(EnrolmentEndReason.BYTE));
        assertThat(notices.noticesFor(asa())).singleElement()
                .satisfies(n -> assertThat(n.endReason()).isEqualTo(EnrolmentEndReason.BYTE));
        assertThat(WebSession.json(http.get("/api/v1/notices/" + id)).get("endReason").asString()).isEqualTo("BYTE");
    }

    @Test
    void aStopWithoutAReasonOrWithAWrongOneIsRefusedNamingTheFieldAndTheAllowedValues() {
        importOpenEnrolment();
        String stop = """
                {"type": "STOP", "personnummer": "200701012387", "municipality": "2380", "schoolUnitCode": "12345678",
                 "date": "2026-11-20"%s}""";

        for (String reason : List.of("", ", \"endReason\": \"\"", ", \"endReason\": \"PAUS\"", ", \"endReason\": 7")) {
            HttpResponse<String> response = post(key(), stop.formatted(reason));
            assertProblem(response, 400, "urn:kaa:problem:invalid-fields");
            JsonNode errors = WebSession.json(response).get("errors");
            assertThat(errors).as(response.body()).singleElement()
                    .satisfies(e -> assertThat(e.get("field").asString()).isEqualTo("endReason"));
            assertThat(errors.get(0).get("message").asString()).as(reason).contains("AVBROTT, BYTE, FULLFOLJT");
        }
        // a reason belongs to a STOP only
        for (String type : List.of("START", "ABSENCE")) {
            HttpResponse<String> response = post(key(), """
                    {"type": "%s", "personnummer": "200701012387", "municipality": "2380", "schoolUnitCode": "12345678",
                     "schoolType": "GY", "date": "2026-11-20", "endReason": "AVBROTT",
                     "absence": %s}""".formatted(type, type.equals("ABSENCE")
                    ? "{\"from\": \"2026-10-01\", \"to\": \"2026-10-31\", \"hours\": 4}" : "null"));
            assertProblem(response, 400, "urn:kaa:problem:invalid-fields");
            List<String> fields = new ArrayList<>();
            WebSession.json(response).get("errors").forEach(e -> fields.add(e.get("field").asString()));
            assertThat(fields).as(response.body()).containsExactly("endReason");
            assertThat(response.body()).contains("bara för en anmälan om att eleven har slutat");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM notice").query(Integer.class).single()).isZero();
        assertThat(facts.factsFor(List.of(asa())).get(0).enrolments()).singleElement()
                .satisfies(e -> assertThat(e.end()).isNull());
    }

    @Test
    void theSameKeyWithAnotherReasonIsAConflict() {
        importOpenEnrolment();
        String key = key();
        String body = """
                {"type": "STOP", "personnummer": "200701012387", "municipality": "2380", "schoolUnitCode": "12345678",
                 "date": "2026-11-20", "endReason": "AVBROTT"}""";
        HttpResponse<String> first = post(key, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

        HttpResponse<String> again = post(key, body.replace("AVBROTT", "avbrott"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());

        HttpResponse<String> conflict = post(key, body.replace("AVBROTT", "BYTE"));
        assertProblem(conflict, 409, "urn:kaa:problem:intake.notice.key.conflict");
        assertThat(notices.noticesFor(asa())).singleElement()
                .satisfies(n -> assertThat(n.endReason()).isEqualTo(EnrolmentEndReason.AVBROTT));
    }

    @Test
    void aStopNoticeReceivedBeforeReasonsWereRequiredStaysReadable() {
        importOpenEnrolment();
        UUID person = asa();
        long id = jdbc.sql("""
                INSERT INTO notice (type, person_id, municipality, school_unit_code, notice_date, submitted_by, received_at)
                VALUES ('STOP', ?, '2380', '12345678', DATE '2026-03-13', 'test-admin', now()) RETURNING id""")
                .param(person).query(Long.class).single();

        HttpResponse<String> get = http.get("/api/v1/notices/" + id);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(WebSession.json(get).get("type").asString()).isEqualTo("STOP");
        assertThat(WebSession.json(get).has("endReason")).isFalse();
        assertThat(notices.noticesFor(person)).singleElement().satisfies(n -> assertThat(n.endReason()).isNull());
    }

    private void importOpenEnrolment() {
        String enrolments = """
                personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
                200701012387;12345678;Östersunds kommun;GY;NA;2023-08-21;;
                """;
        assertThat(http.upload("/api/v1/imports/inskrivningar?municipality=2380", "i.csv", enrolments.getBytes()).statusCode())
                .isEqualTo(201);
    }

    @Test
    void stopWithoutAnOpenEnrolmentIsRefusedClearly() {
        HttpResponse<String> response = post(key(), """
                {"type": "STOP", "personnummer": "200701012387", "municipality": "2380", "schoolUnitCode": "12345678",
                 "date": "2026-11-20", "endReason": "AVBROTT"}""");

        assertProblem(response, 422, "urn:kaa:problem:intake.notice.no-open-enrolment");
        JsonNode problem = WebSession.json(response);
        assertThat(problem.get("detail").asString()).contains("ingen pågående inskrivning");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("schoolUnitCode");
        assertThat(jdbc.sql("SELECT count(*) FROM notice").query(Integer.class).single()).isZero();
    }

    @Test
    void absenceIsRecordedAndReadableForThePersonPage() {
        HttpResponse<String> response = post(key(), """
                {"type": "ABSENCE", "personnummer": "200701012387", "municipality": "2380", "schoolUnitCode": "12345678",
                 "date": "2026-11-20", "absence": {"from": "2026-10-01", "to": "2026-10-31", "hours": 12.5}}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        List<SchoolNotice> list = notices.noticesFor(asa());
        assertThat(list).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(NoticeType.ABSENCE);
            assertThat(n.schoolUnitCode()).isEqualTo("12345678");
            assertThat(n.absenceFrom()).isEqualTo(LocalDate.of(2026, 10, 1));
            assertThat(n.absenceTo()).isEqualTo(LocalDate.of(2026, 10, 31));
            assertThat(n.absenceHours()).isEqualByComparingTo(new BigDecimal("12.5"));
            assertThat(n.receivedAt()).isEqualTo(clock.instant());
            assertThat(n.id()).isEqualTo(WebSession.json(response).get("id").asLong());
        });
        assertThat(facts.factsFor(List.of(asa())).get(0).enrolments()).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyReturnsTheFirstReceiptAndADifferentBodyIsAConflict() {
        String key = key();
        String body = """
                {"type": "ABSENCE", "personnummer": "200701012387", "municipality": "2380", "schoolUnitCode": "12345678",
                 "date": "2026-11-20", "absence": {"from": "2026-10-01", "to": "2026-10-31", "hours": 4}}""";
        HttpResponse<String> first = post(key, body);
        clock.setDate(TestClock.DEFAULT_DATE.plusDays(1));

        HttpResponse<String> again = post(key, body.replace("\"hours\": 4", "\"hours\": 4.0"));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Content-Location")).hasValue(first.headers().firstValue("Location").orElseThrow());
        assertThat(jdbc.sql("SELECT count(*) FROM notice").query(Integer.class).single()).isEqualTo(1);

        HttpResponse<String> conflict = post(key, body.replace("\"hours\": 4", "\"hours\": 6"));
        assertProblem(conflict, 409, "urn:kaa:problem:intake.notice.key.conflict");
        assertThat(WebSession.json(conflict).get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(jdbc.sql("SELECT count(*) FROM notice").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anInvalidNoticeNamesEachInvalidField() {
        HttpResponse<String> response = http.postJson("/api/v1/notices", """
                {"type": "PAUSE", "personnummer": "200701012380", "municipality": "0180", "schoolUnitCode": "1234",
                 "schoolType": "UNI", "date": "2026-02-30", "absence": {"from": "2026-10-01"}}""", Map.of());

        assertProblem(response, 400, "urn:kaa:problem:invalid-fields");
        List<String> fields = new ArrayList<>();
        WebSession.json(response).get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("Idempotency-Key", "type", "personnummer", "municipality",
                "schoolUnitCode", "schoolType", "date");
        assertThat(response.body()).contains("kontrollsiffra", "ÅÅÅÅ-MM-DD", "8 siffror", "START, STOP, ABSENCE")
                .doesNotContain("200701012380", "PAUSE");

        HttpResponse<String> absence = post(key(), """
                {"type": "ABSENCE", "personnummer": "200701012387", "municipality": "2380", "schoolUnitCode": "12345678",
                 "date": "2026-11-20", "absence": {"from": "2026-10-31", "to": "2026-10-01", "hours": -1}}""");
        List<String> absenceFields = new ArrayList<>();
        WebSession.json(absence).get("errors").forEach(e -> absenceFields.add(e.get("field").asString()));
        assertThat(absenceFields).containsExactlyInAnyOrder("absence.to", "absence.hours");

        HttpResponse<String> start = post(key(), """
                {"type": "START", "personnummer": "200701012387", "municipality": "2380", "schoolUnitCode": "12345678",
                 "date": "2026-12-01", "absence": {"hours": 2}}""");
        List<String> startFields = new ArrayList<>();
        WebSession.json(start).get("errors").forEach(e -> startFields.add(e.get("field").asString()));
        assertThat(startFields).containsExactlyInAnyOrder("schoolType", "date", "absence");

        assertProblem(post(key(), "{not json"), 400, "urn:kaa:problem:unreadable");
        assertProblem(http.get("/api/v1/notices/4711"), 404, "urn:kaa:problem:not-found");
        assertThat(jdbc.sql("SELECT count(*) FROM notice").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM person").query(Integer.class).single()).isZero();
    }

    private HttpResponse<String> post(String key, String body) {
        return http.postJson("/api/v1/notices", body, Map.of("Idempotency-Key", key));
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private UUID asa() {
        return persons.find(PersonalIdentityNumber.ofStored(ASA)).orElseThrow();
    }
}
