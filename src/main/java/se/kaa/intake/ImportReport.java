package se.kaa.intake;

import java.util.List;

/**
 * The outcome of an import, as returned by the API.
 *
 * @param duplicate true when the same file had already been imported: this is that batch's report
 */
public record ImportReport(
        long id, String status, int rowsTotal, int rowsAccepted, int rowsRejected,
        List<RowError> errors, List<String> warnings, boolean duplicate) {

    /** One problem with one row: the 1-based line number in the file, the column, and what was expected. */
    public record RowError(int row, String column, String message) {
    }
}
