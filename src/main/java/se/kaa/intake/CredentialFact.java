package se.kaa.intake;

import java.time.LocalDate;

/** A diploma, certificate or completed equivalent education, from {@code date}. */
public record CredentialFact(CredentialType type, LocalDate date, Provenance provenance) {
}
