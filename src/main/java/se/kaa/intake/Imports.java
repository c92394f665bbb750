package se.kaa.intake;

/** Imports canonical CSV files as batches: all accepted rows or none, rejected rows kept. */
public interface Imports {

    /**
     * Imports the file; a file with the same hash, kind and municipality imported before is not
     * imported again and its earlier report is returned with {@code duplicate = true}.
     *
     * @throws ImportRejectedException when the file as a whole cannot be imported (empty, not CSV,
     *                                 a required column missing, municipality not served); nothing
     *                                 is stored then
     */
    ImportReport importFile(ImportRequest request);
}
