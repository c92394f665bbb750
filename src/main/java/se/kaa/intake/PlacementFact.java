package se.kaa.intake;

import java.time.LocalDate;

import se.kaa.shared.MunicipalityCode;

/**
 * A manual, audited decision that the person belongs to {@code municipality} although she is not
 * folkbokförd there (protected registration, resident but not registered). {@code to} is inclusive,
 * {@code null} while in force.
 */
public record PlacementFact(
        MunicipalityCode municipality, LocalDate from, LocalDate to, String decidedBy, String motivation,
        Provenance provenance) {
}
