package se.kaa.casework.cases;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import se.kaa.casework.cases.OccupationExpiry.OccupationType;

/** What she is doing (sysselsättning), as verified on a day; it goes stale ({@link OccupationExpiry}). */
@Table("casework_occupation")
public record Occupation(@Id Long id, long caseId, OccupationType type, Source source, LocalDate started, LocalDate ended,
                         LocalDate verifiedOn, String note, String recordedBy, Instant recordedAt) {

    /** Who said so. */
    public enum Source { YOUNG_PERSON, SCHOOL, AUTHORITY, REGISTER }
}
