/**
 * The SCB half-year return's period spec as data: a {@link se.kaa.reporting.spec.ReturnSpec} read
 * from a JSON file ({@link se.kaa.reporting.spec.ReturnSpecs}), a generic validator of records
 * against it ({@link se.kaa.reporting.spec.SpecValidator}) and generic writers
 * ({@link se.kaa.reporting.spec.SpecWriter}). Plain Java, no Spring: the codes, columns and checks
 * of a period live in the spec file, never here (docs/reporting-spec.md).
 */
package se.kaa.reporting.spec;
