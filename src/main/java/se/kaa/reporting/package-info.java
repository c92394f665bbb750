/**
 * Reporting: the SCB half-year return (the period spec as data, the municipality's code mapping,
 * validation, stored and diffable exports, locking), read from casework's one definition of a period's
 * reported facts ({@link se.kaa.casework.PeriodRecords}). docs/reporting.md.
 */
package se.kaa.reporting;
