package se.kaa.casework.cases;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A note (anteckning) on the case. */
@Table("casework_note")
public record Note(@Id Long id, long caseId, String text, String writtenBy, Instant writtenAt) {
}
