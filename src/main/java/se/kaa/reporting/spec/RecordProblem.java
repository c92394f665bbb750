package se.kaa.reporting.spec;

/**
 * A problem with one record of the return.
 *
 * @param record   0-based index into the records validated
 * @param column   the column concerned (a check's {@code column})
 * @param message  Swedish; never contains the personnummer or any value of a PERSONNUMMER column
 */
public record RecordProblem(int record, String column, String message, Check.Severity severity) {
}
