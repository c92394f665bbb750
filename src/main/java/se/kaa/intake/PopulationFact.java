package se.kaa.intake;

import java.time.LocalDate;

import se.kaa.shared.MunicipalityCode;

/**
 * One row of a folkbokföring snapshot listing the person: on {@code asOf} she was registered in
 * {@code municipality}, and had been since {@code registeredSince}.
 *
 * @param immigrationDate first folkbokförd in Sweden, {@code null} for people born here
 */
public record PopulationFact(
        MunicipalityCode municipality,
        LocalDate asOf,
        LocalDate registeredSince,
        LocalDate immigrationDate,
        boolean protectedIdentity,
        RegistrationStatus status,
        Provenance provenance) {
}
