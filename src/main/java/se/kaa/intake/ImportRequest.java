package se.kaa.intake;

import java.nio.file.Path;
import java.time.LocalDate;

import se.kaa.shared.MunicipalityCode;

/**
 * One uploaded file to import.
 *
 * @param asOf     the snapshot date (required for folkbokföring; for other kinds the date used to
 *                 resolve the century of 10-digit numbers, today when {@code null})
 * @param content  the file on disk (uploads are spooled there, so that it can be read twice: once
 *                 for its hash and encoding, once to import)
 * @param username who uploaded it
 */
public record ImportRequest(
        ImportKind kind, MunicipalityCode municipality, LocalDate asOf, String fileName, Path content,
        String username) {
}
