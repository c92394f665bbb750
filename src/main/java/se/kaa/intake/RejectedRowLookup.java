package se.kaa.intake;

import java.time.Instant;
import java.util.List;

import se.kaa.shared.PersonalIdentityNumber;

/** The rejected import rows that carry a person's number (they hold her data too). */
public interface RejectedRowLookup {

    List<RejectedRow> rowsFor(PersonalIdentityNumber pin);

    /** A rejected row as received, with why it was rejected and whether a person has resolved it. */
    record RejectedRow(long batchId, ImportKind kind, String municipality, Instant receivedAt, int rowNumber,
                       String rawLine, List<String> errors, String status) {
    }
}
