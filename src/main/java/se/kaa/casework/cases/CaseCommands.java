package se.kaa.casework.cases;

import java.time.LocalDate;
import java.time.LocalDateTime;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import se.kaa.casework.cases.ContactAttempt.Channel;
import se.kaa.casework.cases.ContactAttempt.Outcome;
import se.kaa.casework.cases.Measure.Responsible;
import se.kaa.casework.cases.OccupationExpiry.OccupationType;

/**
 * What a person asks of a case, typed and validated at the web edge ({@code @Valid}): the case page's
 * forms and the API's bodies bind to these same records, so a wrong date, an unknown choice, a missing
 * field or a text too long is refused in the same words by both (platform {@code InputProblems}),
 * before anything is loaded. Texts are stripped and a blank one is no text. What depends on the case
 * or on the day (closed, stale version, a date in the future, end before start) is the {@link Case}'s
 * to refuse. {@code version} is the case's version she saw; {@code confirmSensitive} that she has
 * confirmed text that looks like sensitive personal data.
 */
public final class CaseCommands {

    public static final int MAX_TEXT = 4000;
    public static final int MAX_SHORT = 200;
    public static final int MAX_STRIKE_REASON = 500;
    /** No control characters but line breaks and tabs. */
    static final String PLAIN = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
    static final String PHONE = "\\+?[0-9 ()-]{6,20}";
    static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    private CaseCommands() {
    }

    public record RecordContact(@NotNull Long version, @NotNull LocalDateTime attemptedAt, @NotNull Channel channel,
                                @NotNull Outcome outcome,
                                @Size(max = MAX_TEXT) @Pattern(regexp = PLAIN, message = "input.control") String note,
                                LocalDate nextAttemptDue, Boolean confirmSensitive) {
        public RecordContact {
            note = text(note);
        }
    }

    public record StrikeContact(@NotNull Long version,
                                @NotNull @Size(max = MAX_STRIKE_REASON) @Pattern(regexp = PLAIN, message = "input.control") String reason) {
        public StrikeContact {
            reason = text(reason);
        }
    }

    public record RecordOccupation(@NotNull Long version, @NotNull OccupationType type, @NotNull Occupation.Source source,
                                   LocalDate started, LocalDate ended, @NotNull LocalDate verifiedOn,
                                   @Size(max = MAX_TEXT) @Pattern(regexp = PLAIN, message = "input.control") String note,
                                   Boolean confirmSensitive) {
        public RecordOccupation {
            note = text(note);
        }
    }

    /** The plan's part of a measure, as offered or as changed later. */
    public record MeasureTerms(Responsible responsible, String responsibleActor, Measure.Status status,
                               LocalDate decidedOn, LocalDate starts, LocalDate ends, String endReason,
                               LocalDate followUp, String note) {
    }

    public record OfferMeasure(@NotNull Long version, @NotNull Long measureTypeId, @NotNull Responsible responsible,
                               @Size(max = MAX_SHORT) @Pattern(regexp = PLAIN, message = "input.control") String responsibleActor,
                               @NotNull Measure.Status status, @NotNull LocalDate offeredOn, LocalDate decidedOn,
                               LocalDate starts, LocalDate ends,
                               @Size(max = MAX_SHORT * 5) @Pattern(regexp = PLAIN, message = "input.control") String endReason,
                               LocalDate followUp,
                               @Size(max = MAX_TEXT) @Pattern(regexp = PLAIN, message = "input.control") String note,
                               Boolean confirmSensitive) {
        public OfferMeasure {
            responsibleActor = text(responsibleActor);
            endReason = text(endReason);
            note = text(note);
        }

        public MeasureTerms terms() {
            return new MeasureTerms(responsible, responsibleActor, status, decidedOn, starts, ends, endReason, followUp, note);
        }
    }

    /** A change of a measure: its status and dates (its type and offer stay). */
    public record ChangeMeasure(@NotNull Long version, @NotNull Responsible responsible,
                                @Size(max = MAX_SHORT) @Pattern(regexp = PLAIN, message = "input.control") String responsibleActor,
                                @NotNull Measure.Status status, LocalDate decidedOn, LocalDate starts, LocalDate ends,
                                @Size(max = MAX_SHORT * 5) @Pattern(regexp = PLAIN, message = "input.control") String endReason,
                                LocalDate followUp,
                                @Size(max = MAX_TEXT) @Pattern(regexp = PLAIN, message = "input.control") String note,
                                Boolean confirmSensitive) {
        public ChangeMeasure {
            responsibleActor = text(responsibleActor);
            endReason = text(endReason);
            note = text(note);
        }

        public MeasureTerms terms() {
            return new MeasureTerms(responsible, responsibleActor, status, decidedOn, starts, ends, endReason, followUp, note);
        }
    }

    public record RevisePlan(@NotNull Long version,
                             @Size(max = MAX_TEXT) @Pattern(regexp = PLAIN, message = "input.control") String goal,
                             Boolean confirmSensitive) {
        public RevisePlan {
            goal = text(goal);
        }
    }

    public record WriteNote(@NotNull Long version,
                            @NotNull @Size(max = MAX_TEXT) @Pattern(regexp = PLAIN, message = "input.control") String text,
                            Boolean confirmSensitive) {
        public WriteNote {
            text = CaseCommands.text(text);
        }
    }

    public record SetContactDetails(@NotNull Long version,
                                    @Size(max = 40) @Pattern(regexp = PHONE, message = "caserecords.field.phone") String phone,
                                    @Size(max = MAX_SHORT) @Pattern(regexp = EMAIL, message = "caserecords.field.email") String email) {
        public SetContactDetails {
            phone = text(phone);
            email = text(email);
        }
    }

    /** Stripped; blank is none. */
    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static boolean yes(Boolean confirmed) {
        return Boolean.TRUE.equals(confirmed);
    }
}
