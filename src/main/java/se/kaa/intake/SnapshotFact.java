package se.kaa.intake;

import java.time.LocalDate;

import se.kaa.shared.MunicipalityCode;

/**
 * A folkbokföring snapshot taken of a municipality (whether or not it listed the person). A person
 * of snapshot age missing from a snapshot after she was listed in an earlier one moved out on its
 * date.
 */
public record SnapshotFact(MunicipalityCode municipality, LocalDate asOf, Provenance provenance) {
}
