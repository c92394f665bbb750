package se.kaa.casework;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything casework holds about one person, for her register extract (GDPR art. 15): her cases and
 * all that is recorded on them. Every code comes with its Swedish label ({@link Code}), so that no
 * reader has to know casework's code lists. Staff user names are left out: they are not data about
 * her, and the access history names staff by role instead.
 */
public record PersonCasework(List<Case> cases) {

    public PersonCasework {
        cases = List.copyOf(cases);
    }

    public boolean isEmpty() {
        return cases.isEmpty();
    }

    /** A code of one of casework's closed lists and its Swedish label, e.g. {@code PHONE} – "Telefon". */
    public record Code(String code, String text) {
    }

    /**
     * One case.
     *
     * @param municipalityName the municipality's code and name, e.g. "2380 Östersund"
     * @param assigned             whether a case worker is responsible (who is not said)
     * @param contactDetailsWithheld she has protected identity and the reader may not see her contact
     *                               details: {@code contactDetails} and message recipients are left out
     */
    public record Case(long id, String municipality, String municipalityName, Code status, LocalDate entered,
                       Code reason, LocalDate closedOn, Code exitReason, boolean assigned, List<Event> events,
                       boolean contactDetailsWithheld, ContactDetails contactDetails,
                       List<ContactAttempt> contactAttempts, List<Occupation> occupations, Plan plan,
                       List<Measure> measures, List<PlanRevision> planRevisions, List<Note> notes,
                       List<Letter> letters, List<Message> messages, List<Handover> handovers) {
    }

    /** The case's history: opened, closed, reopened, assigned, handed over; {@code text} says what in Swedish. */
    public record Event(Instant occurredAt, Code kind, LocalDate onDate, String text) {
    }

    public record ContactDetails(String phone, String email, Instant updatedAt) {
    }

    /** An attempt; {@code struckAt} and {@code struckReason} when it was struck out as logged by mistake. */
    public record ContactAttempt(Instant attemptedAt, Code channel, Code outcome, String note,
                                 LocalDate nextAttemptDue, Instant struckAt, String struckReason) {
    }

    public record Occupation(Code type, Code source, LocalDate started, LocalDate ended, LocalDate verifiedOn,
                             String note) {
    }

    /** The individual plan's goal and its current revision number ({@code 0}: never saved). */
    public record Plan(String goal, int revision, Instant updatedAt) {
    }

    /**
     * An individual measure with the plan's documentation items: who is responsible, the dates, why it
     * ended and when it is followed up. {@code type} is the municipality's own name of the measure.
     */
    public record Measure(String type, Code category, Code responsible, String responsibleActor, Code status,
                          LocalDate offeredOn, LocalDate decidedOn, LocalDate starts, LocalDate ends, String endReason,
                          LocalDate followUp, String note) {
    }

    /** A revision of the plan as it was saved: the goal and the measures (by name and status) then. */
    public record PlanRevision(int revision, Instant createdAt, String goal, List<String> measures) {
    }

    public record Note(Instant writtenAt, String text) {
    }

    /** A letter; {@code sentAt} is null for a draft that was never marked as sent. */
    public record Letter(Code kind, Instant generatedAt, Instant sentAt) {
    }

    /** An e-mail or SMS to her; {@code recipient} is {@code null} when her contact details are withheld. */
    public record Message(Code channel, String recipient, String subject, String body, Code status,
                          Instant createdAt, Instant sentAt) {
    }

    /**
     * The package passed to her new home municipality when she moved.
     *
     * @param passedOn what the package held, in Swedish (e.g. "Namn och personnummer", "Insatser (2)")
     */
    public record Handover(LocalDate closedOn, String newMunicipality, String newMunicipalityName,
                           Instant producedAt, List<String> passedOn) {
    }
}
