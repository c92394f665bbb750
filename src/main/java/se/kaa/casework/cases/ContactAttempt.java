package se.kaa.casework.cases;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One attempt to reach her, made by a person ({@link Case#recordContact}) or by a letter or message
 * that went out ({@code SENT}, written by the letters feature). Logged by mistake, it is struck out –
 * kept with who, when and why – never deleted ({@link Case#strikeContact}).
 */
@Table("casework_contact_attempt")
public record ContactAttempt(@Id Long id, long caseId, Instant attemptedAt, Channel channel, Outcome outcome, String note,
                             LocalDate nextAttemptDue, String recordedBy, Instant recordedAt, Instant struckAt,
                             String struckBy, String struckReason) {

    public enum Channel { LETTER, SMS, PHONE, EMAIL, HOME_VISIT, SOCIAL_MEDIA, MEETING }

    /** {@code SENT} is written by the letters and messages, never chosen by a person. */
    public enum Outcome {
        REACHED, NO_ANSWER, WRONG_NUMBER, REFUSED, MOVED, SENT;

        /** The outcomes a person can record. */
        public static Outcome[] recordable() {
            return new Outcome[] {REACHED, NO_ANSWER, WRONG_NUMBER, REFUSED, MOVED};
        }
    }

    public boolean struck() {
        return struckAt != null;
    }

    ContactAttempt struckOut(String reason, String by, Instant at) {
        return new ContactAttempt(id, caseId, attemptedAt, channel, outcome, note, nextAttemptDue, recordedBy, recordedAt,
                at, by, reason);
    }
}
