package se.kaa.intake.internal;

/** One thing wrong with one row: the column ({@code null} for the row as a whole) and, in Swedish, what was expected. */
record RowProblem(String column, String message) {
}
