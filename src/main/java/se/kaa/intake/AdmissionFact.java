package se.kaa.intake;

import java.time.LocalDate;

/** An admission decision for a programme starting on {@code start}. */
public record AdmissionFact(
        String schoolUnitCode, String programme, AdmissionDecision decision, LocalDate start,
        Provenance provenance) {
}
