package se.kaa.casework.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import se.kaa.casework.cases.CaseCommands.ChangeMeasure;
import se.kaa.casework.cases.CaseCommands.OfferMeasure;
import se.kaa.casework.cases.CaseCommands.RecordContact;
import se.kaa.casework.cases.CaseCommands.RecordOccupation;
import se.kaa.casework.cases.CaseCommands.SetContactDetails;
import se.kaa.casework.cases.CaseCommands.WriteNote;
import se.kaa.casework.cases.ContactAttempt.Channel;
import se.kaa.casework.cases.ContactAttempt.Outcome;
import se.kaa.casework.cases.OccupationExpiry.OccupationType;
import se.kaa.platform.ProblemException;

/** The case's own rules, without Spring or a database: what it takes, what it refuses and with which status. */
class CaseTest {

    static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z"); // 10:00 in Sweden
    static final String ANNA = "anna";

    static Case open(long version) {
        return new Case(7L, version, UUID.randomUUID(), "2380", Case.Status.OPEN, LocalDate.parse("2026-09-01"),
                "AVBROTT", null, null, null, NOW, NOW);
    }

    static Case closed() {
        return new Case(7L, 3L, UUID.randomUUID(), "2380", Case.Status.CLOSED, LocalDate.parse("2026-09-01"),
                "AVBROTT", LocalDate.parse("2026-11-01"), "UTFLYTTAD", "anna", NOW, NOW);
    }

    static RecordContact contact(long version, String at, Outcome outcome) {
        return new RecordContact(version, LocalDateTime.parse(at), Channel.PHONE, outcome, "  Ringde  ", null, null);
    }

    static OfferMeasure offer(long version, long type, Measure.Responsible responsible, String actor, Measure.Status status,
                              String ends) {
        return new OfferMeasure(version, type, responsible, actor, status, LocalDate.parse("2026-11-10"), null, null,
                ends == null ? null : LocalDate.parse(ends), null, null, null, null);
    }

    static HttpStatus status(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            return e.status();
        }
        throw new AssertionError("not refused");
    }

    static String field(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            return e.fieldProblems().get(0).field() + ":" + e.fieldProblems().get(0).messageKey();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aContactIsTheCaseVersionsNextChangeAndItsTextIsStripped() {
        Case c = open(2);
        ContactAttempt a = c.recordContact(2, contact(2, "2026-11-20T09:30", Outcome.REACHED), ANNA, NOW);
        assertThat(a.caseId()).isEqualTo(7);
        assertThat(a.attemptedAt()).isEqualTo(Instant.parse("2026-11-20T08:30:00Z"));
        assertThat(a.note()).isEqualTo("Ringde");
        assertThat(a.recordedBy()).isEqualTo(ANNA);
    }

    @Test
    void aStaleVersionIsRefusedAsSomeoneElseSavedFirst() {
        ProblemException e = (ProblemException) catchThrowable(
                () -> open(2).writeNote(1, new WriteNote(1L, "Hej", null), ANNA, NOW));
        assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(e.detailKey()).isEqualTo("casework.problem.stale");
    }

    @Test
    void aContactInTheFutureOrMadeByALetterIsRefusedByField() {
        assertThat(field(() -> open(0).recordContact(0, contact(0, "2026-11-20T10:06", Outcome.NO_ANSWER), ANNA, NOW)))
                .isEqualTo("attemptedAt:caserecords.field.future");
        // five minutes ahead is a clock a little fast, not a mistake
        assertThat(open(0).recordContact(0, contact(0, "2026-11-20T10:04", Outcome.NO_ANSWER), ANNA, NOW)).isNotNull();
        assertThat(field(() -> open(0).recordContact(0, contact(0, "2026-11-20T09:00", Outcome.SENT), ANNA, NOW)))
                .isEqualTo("outcome:input.choice");
    }

    @Test
    void aClosedCaseTakesContactsAndNotesButNothingThatWouldChangeItsPlan() {
        assertThat(closed().recordContact(3, contact(3, "2026-11-19T09:00", Outcome.MOVED), ANNA, NOW)).isNotNull();
        assertThat(closed().writeNote(3, new WriteNote(3L, "Flyttade", null), ANNA, NOW).text()).isEqualTo("Flyttade");
        RecordOccupation work = new RecordOccupation(3L, OccupationType.WORK, Occupation.Source.SCHOOL, null, null,
                LocalDate.parse("2026-11-10"), null, null);
        assertThat(status(() -> closed().recordOccupation(3, work, ANNA, NOW))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(status(() -> closed().offerMeasure(3, offer(3, 1, Measure.Responsible.MUNICIPALITY, null,
                Measure.Status.OFFERED, null), Set.of(1L), ANNA, NOW))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(status(() -> closed().revisePlan(3, NOW))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(status(() -> closed().changeContactDetails(3, new SetContactDetails(3L, "0701234567", null), false, NOW)))
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(status(() -> closed().assign(3, "erik", u -> true, NOW))).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void anOccupationMustNotEndBeforeItStartsNorBeVerifiedTomorrow() {
        RecordOccupation backwards = new RecordOccupation(0L, OccupationType.WORK, Occupation.Source.SCHOOL,
                LocalDate.parse("2026-10-01"), LocalDate.parse("2026-09-01"), LocalDate.parse("2026-11-10"), null, null);
        assertThat(field(() -> open(0).recordOccupation(0, backwards, ANNA, NOW))).isEqualTo("ended:caserecords.field.endBeforeStart");
        RecordOccupation tomorrow = new RecordOccupation(0L, OccupationType.WORK, Occupation.Source.SCHOOL, null, null,
                LocalDate.parse("2026-11-21"), null, null);
        assertThat(field(() -> open(0).recordOccupation(0, tomorrow, ANNA, NOW))).isEqualTo("verifiedOn:caserecords.field.future");
    }

    @Test
    void aMeasureIsOneTheMunicipalityOffersWithItsTermsInOrder() {
        assertThat(field(() -> open(0).offerMeasure(0, offer(0, 9, Measure.Responsible.MUNICIPALITY, null,
                Measure.Status.OFFERED, null), Set.of(1L), ANNA, NOW))).isEqualTo("measureTypeId:input.choice");
        assertThat(field(() -> open(0).offerMeasure(0, offer(0, 1, Measure.Responsible.OTHER, null,
                Measure.Status.OFFERED, null), Set.of(1L), ANNA, NOW))).isEqualTo("responsibleActor:caserecords.field.actorRequired");
        assertThat(field(() -> open(0).offerMeasure(0, offer(0, 1, Measure.Responsible.MUNICIPALITY, null,
                Measure.Status.ENDED, null), Set.of(1L), ANNA, NOW))).isEqualTo("ends:caserecords.field.endRequired");
        Measure m = open(0).offerMeasure(0, offer(0, 1, Measure.Responsible.MUNICIPALITY, "ignored",
                Measure.Status.OFFERED, null), Set.of(1L), ANNA, NOW);
        assertThat(m.responsibleActor()).as("an actor only when another is responsible").isNull();

        Measure stored = new Measure(5L, 7L, 1L, Measure.Responsible.MUNICIPALITY, null, Measure.Status.OFFERED,
                LocalDate.parse("2026-11-10"), null, null, null, null, null, null, ANNA, NOW);
        ChangeMeasure decidedBefore = new ChangeMeasure(0L, Measure.Responsible.MUNICIPALITY, null, Measure.Status.ACCEPTED,
                LocalDate.parse("2026-11-09"), null, null, null, null, null, null);
        assertThat(field(() -> open(0).changeMeasure(0, stored, decidedBefore, NOW)))
                .isEqualTo("decidedOn:caserecords.field.decidedBeforeOffered");
        Measure ofAnother = new Measure(5L, 8L, 1L, Measure.Responsible.MUNICIPALITY, null, Measure.Status.OFFERED,
                LocalDate.parse("2026-11-10"), null, null, null, null, null, null, ANNA, NOW);
        ChangeMeasure accepted = new ChangeMeasure(0L, Measure.Responsible.MUNICIPALITY, null, Measure.Status.ACCEPTED,
                LocalDate.parse("2026-11-12"), null, null, null, null, null, null);
        assertThat(status(() -> open(0).changeMeasure(0, ofAnother, accepted, NOW))).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(open(0).changeMeasure(0, stored, accepted, NOW).status()).isEqualTo(Measure.Status.ACCEPTED);
    }

    @Test
    void anAttemptIsStruckOutOnceAndOnlyOnItsOwnCase() {
        ContactAttempt mine = new ContactAttempt(4L, 7L, NOW, Channel.PHONE, Outcome.REACHED, null, null, ANNA, NOW, null,
                null, null);
        ContactAttempt struck = open(0).strikeContact(0, mine, "Fel ärende", ANNA, NOW);
        assertThat(struck.struck()).isTrue();
        assertThat(struck.struckReason()).isEqualTo("Fel ärende");
        assertThat(status(() -> open(0).strikeContact(0, struck, "igen", ANNA, NOW))).isEqualTo(HttpStatus.CONFLICT);
        ContactAttempt another = new ContactAttempt(4L, 8L, NOW, Channel.PHONE, Outcome.REACHED, null, null, ANNA, NOW,
                null, null, null);
        assertThat(status(() -> open(0).strikeContact(0, another, "x", ANNA, NOW))).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void contactDetailsHiddenFromHerAreForbiddenBeforeAnythingElse() {
        assertThat(status(() -> open(5).changeContactDetails(0, new SetContactDetails(0L, null, null), true, NOW)))
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void assignmentByHandByRuleAndAlongOthers() {
        Case c = open(0);
        assertThat(field(() -> c.assign(0, "nobody", u -> false, NOW))).isEqualTo("assignee:casework.assignment.invalidAssignee");
        assertThat(c.assign(0, "anna", u -> true, NOW)).isNull();
        assertThat(c.assignee()).isEqualTo("anna");
        assertThat(c.assignByRule("erik", NOW)).as("a rule never takes a case from someone").isFalse();
        assertThat(c.assignAlongOthers("anna", u -> true, NOW)).as("already hers").isFalse();
        assertThat(c.assignAlongOthers(null, u -> true, NOW)).isTrue();
        assertThat(c.assignByRule("erik", NOW)).isTrue();
        assertThat(closed().assignByRule("erik", NOW)).as("closed").isFalse();
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void closingStopsTheClocksOnItsDayAndRefusesWhatAClosedCaseRefusesReopeningCountsFromTheNewEntry() {
        Case c = open(2);
        c.close(LocalDate.parse("2026-11-02"), "PABORJAT_UTBILDNING", NOW);
        assertThat(c.open()).isFalse();
        assertThat(c.closedOn()).isEqualTo(LocalDate.parse("2026-11-02"));
        assertThat(status(() -> c.close(LocalDate.parse("2026-11-03"), "FYLLT_20", NOW))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(status(() -> c.recordOccupation(2, new RecordOccupation(2L, OccupationType.WORK, Occupation.Source.YOUNG_PERSON, null, null,
                LocalDate.parse("2026-11-10"), null, null), ANNA, NOW))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(c.recordContact(2, contact(2, "2026-11-20T09:30", Outcome.REACHED), ANNA, NOW)).isNotNull();

        c.reopen(LocalDate.parse("2026-11-16"), "AVBROTT", NOW);
        assertThat(c.open()).isTrue();
        assertThat(c.entered()).isEqualTo(LocalDate.parse("2026-11-16"));
        assertThat(c.closedOn()).isNull();
        assertThat(c.recordOccupation(2, new RecordOccupation(2L, OccupationType.WORK, Occupation.Source.YOUNG_PERSON, null, null,
                LocalDate.parse("2026-11-10"), null, null), ANNA, NOW)).isNotNull();
        assertThat(status(() -> c.reopen(LocalDate.parse("2026-11-17"), "AVBROTT", NOW))).isEqualTo(HttpStatus.CONFLICT);
    }
}
