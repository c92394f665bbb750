package se.kaa.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import se.kaa.platform.FollowUpRecovery;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/**
 * The follow-up of an import (the recomputation of the group, then the cases) is recorded in the
 * import's transaction and cannot be lost: when it fails it stays recorded, the batch says so, and
 * it is done when retried; what an earlier run of the application left incomplete is done at the
 * next start. (The same with a real process killed at each point: {@code CrashRecoveryTest}.)
 */
@KaaIntegrationTest
class DurableFollowUpTest {

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802012385;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
            """;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired FollowUpRecovery recovery;

    WebSession http;

    @BeforeEach
    void clean() {
        database.clean();
        clock.reset();
        http = WebSession.api(port);
    }

    @AfterEach
    void dropTrigger() {
        jdbc.sql("DROP TRIGGER IF EXISTS fail_follow_up ON membership_episode").update();
        jdbc.sql("DROP FUNCTION IF EXISTS fail_follow_up()").update();
        clock.reset();
    }

    @Test
    void aFailedFollowUpIsKeptShownAndDoneWhenRetried() {
        failRecomputation();

        HttpResponse<String> response = upload();

        assertThat(response.statusCode()).as("the facts are committed: the import stands").isEqualTo(201);
        JsonNode report = WebSession.json(response);
        long batch = report.get("id").asLong();
        assertThat(report.get("followUp").asString()).isEqualTo("FAILED");
        assertThat(report.get("followUpError").asString()).isNotBlank();
        assertThat(members()).isZero();
        assertThat(incompletePublications()).isEqualTo(1);

        jdbc.sql("DROP TRIGGER fail_follow_up ON membership_episode").update();
        clock.advance(java.time.Duration.ofMinutes(2)); // the retry comes a minute or so later
        recovery.retryFailed();

        JsonNode after = WebSession.json(http.get("/api/v1/imports/" + batch));
        assertThat(after.get("followUp").asString()).isEqualTo("DONE");
        assertThat(after.has("followUpError")).isFalse();
        assertThat(after.get("effects").get("entered").get("EJ_PABORJAT").asInt()).isEqualTo(2);
        assertThat(after.get("effects").get("casesOpened").asInt()).isEqualTo(2);
        assertThat(members()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM casework_case WHERE status = 'OPEN'").query(Long.class).single())
                .isEqualTo(2);
        assertThat(incompletePublications()).isZero();
    }

    @Test
    void whatAnEarlierRunLeftIncompleteIsDoneAtTheNextStart() {
        // The process "died" while the recomputation ran: its publication is left PROCESSING, the
        // batch PENDING, and no episode was written.
        clock.setDate(LocalDate.of(2026, 11, 20)); // before this application's start (the test clock's 22nd)
        failRecomputation();
        long batch = WebSession.json(upload()).get("id").asLong();
        jdbc.sql("UPDATE event_publication SET status = 'PROCESSING' WHERE completion_date IS NULL").update();
        jdbc.sql("UPDATE import_batch SET follow_up = 'PENDING', follow_up_error = NULL WHERE id = ?").param(batch).update();
        jdbc.sql("DROP TRIGGER fail_follow_up ON membership_episode").update();
        clock.reset();
        assertThat(members()).isZero();

        int resubmitted = recovery.recoverAfterStart();

        assertThat(resubmitted).isEqualTo(1);
        assertThat(WebSession.json(http.get("/api/v1/imports/" + batch)).get("followUp").asString()).isEqualTo("DONE");
        assertThat(members()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM casework_case WHERE status = 'OPEN'").query(Long.class).single())
                .isEqualTo(2);
        assertThat(incompletePublications()).isZero();
        // a second start finds nothing to do
        assertThat(recovery.recoverAfterStart()).isZero();
    }

    @Test
    void aFollowUpDoneTwiceChangesNothingTheSecondTime() {
        long batch = WebSession.json(upload()).get("id").asLong();
        long cases = jdbc.sql("SELECT count(*) FROM casework_case_event").query(Long.class).single();
        String effects = jdbc.sql("SELECT effects::text FROM import_batch WHERE id = ?").param(batch).query(String.class).single();

        // the same follow-up again, as a resubmission after a crash would run it
        jdbc.sql("""
                INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
                                               completion_attempts)
                VALUES (gen_random_uuid(), ?, ?, ?, now() - interval '1 hour', 'FAILED', 1)""")
                .params(recomputationListener(), se.kaa.intake.FactsChanged.class.getName(),
                        "{\"personIds\":[],\"cause\":\"folkbokforing import batch " + batch + "\",\"batchId\":" + batch + "}")
                .update();
        clock.advance(java.time.Duration.ofMinutes(2));
        recovery.retryFailed();

        assertThat(incompletePublications()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM casework_case_event").query(Long.class).single()).isEqualTo(cases);
        assertThat(jdbc.sql("SELECT effects::text FROM import_batch WHERE id = ?").param(batch).query(String.class).single())
                .isEqualTo(effects);
        assertThat(members()).isEqualTo(2);
    }

    private String recomputationListener() {
        // the listener id Spring gives the recomputation's @TransactionalEventListener method
        return jdbc.sql("SELECT DISTINCT listener_id FROM event_publication").query(String.class).optional()
                .orElse("se.kaa.targetgroup.internal.Recomputation.on(se.kaa.intake.FactsChanged)");
    }

    private void failRecomputation() {
        jdbc.sql("""
                CREATE FUNCTION fail_follow_up() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'simulated failure of the recomputation'; END $$""").update();
        jdbc.sql("CREATE TRIGGER fail_follow_up BEFORE INSERT ON membership_episode FOR EACH ROW "
                + "EXECUTE FUNCTION fail_follow_up()").update();
    }

    private HttpResponse<String> upload() {
        return http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "f.csv",
                FOLKBOKFORING.getBytes(StandardCharsets.UTF_8));
    }

    private long members() {
        return jdbc.sql("SELECT count(*) FROM membership_episode WHERE exited IS NULL").query(Long.class).single();
    }

    private long incompletePublications() {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL").query(Long.class).single();
    }
}
