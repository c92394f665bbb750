package se.kaa.extract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import se.kaa.casework.PersonCasework;
import se.kaa.targetgroup.PersonMemberships;

/**
 * Everything the register holds about one person (her right of access, GDPR art. 15): identity and
 * details, every fact with its source, notices, rejected import rows carrying her number, her
 * membership episodes, today's explanation, her cases with everything recorded on them (contact
 * attempts, occupations, measures, the plan and its revisions, notes, letters, messages, contact
 * details, handovers), and who has accessed her data – each access a Swedish sentence.
 */
public record RegisterExtract(
        Instant createdAt,
        LocalDate asOf,
        Identity identity,
        Facts facts,
        List<Notice> notices,
        List<RejectedRow> rejectedRows,
        List<Episode> episodes,
        PersonMemberships.Explanation explanation,
        PersonCasework casework,
        boolean accessHistoryRecorded,
        List<Access> accesses) {

    /**
     * One access to her data, said in Swedish: when, who (by role and municipality, never a user name
     * or id) and what, e.g. "3 december 2026 kl. 14.05 läste en handläggare på kommunala
     * aktivitetsansvaret i Östersund ditt ärende."
     */
    public record Access(Instant at, String text) {
    }

    /** Where and when a fact was received; {@code text} is the Swedish description. */
    public record Source(String type, Long batchId, Long noticeId, Instant receivedAt, String text) {
    }

    /**
     * Identity and the latest folkbokföring details. The address of a person with protected identity
     * is held but left out ({@code addressWithheld}) unless the user who makes the extract holds the
     * dedicated permission to see protected addresses.
     */
    public record Identity(UUID personId, String personnummer, String givenName, String familyName,
                           String address, String postalCode, String city, boolean protectedIdentity,
                           boolean addressWithheld, LocalDate detailsAsOf) {
    }

    public record Population(String municipality, LocalDate asOf, LocalDate registeredSince, LocalDate immigrationDate,
                             boolean protectedIdentity, String status, Source source) {
    }

    public record Enrolment(String schoolUnitCode, String organiser, String schoolType, String programme,
                            LocalDate start, LocalDate end, String endReason, Source source, Source endSource) {
    }

    public record Credential(String type, LocalDate date, Source source) {
    }

    public record Admission(String schoolUnitCode, String programme, String decision, LocalDate start, Source source) {
    }

    public record Placement(String municipality, LocalDate from, LocalDate to, String decidedBy, String motivation,
                            Source source) {
    }

    public record Facts(List<Population> population, List<Enrolment> enrolments, List<Credential> credentials,
                        List<Admission> admissions, List<Placement> placements) {
    }

    public record Notice(long id, String type, String municipality, String schoolUnitCode, String organiser,
                         String schoolType, String programme, LocalDate date, LocalDate absenceFrom,
                         LocalDate absenceTo, BigDecimal absenceHours, Instant receivedAt, String submittedBy) {
    }

    public record RejectedRow(long batchId, String kind, String municipality, Instant receivedAt, int rowNumber,
                              String line, List<String> errors, String status) {
    }

    public record Episode(String municipality, LocalDate entered, String reason, String entryKind, String ruleSet,
                          LocalDate exited, String exitReason) {
    }
}
