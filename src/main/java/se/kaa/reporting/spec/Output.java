package se.kaa.reporting.spec;

import java.nio.charset.Charset;
import java.util.Objects;

/**
 * How the return is written.
 *
 * @param sheetName       the xlsx sheet holding the records
 * @param delimiter       the delimited text's separator
 * @param charset         the delimited text's encoding
 * @param headerRow       whether the delimited text starts with the column names (the xlsx always does)
 * @param fileNamePattern e.g. {@code KAA_{municipality}_{period}_v{version}}; placeholders
 *                        {@code {municipality}}, {@code {period}}, {@code {version}} (the export's
 *                        version), {@code {specVersion}}
 */
public record Output(String sheetName, char delimiter, Charset charset, boolean headerRow, String fileNamePattern) {

    public Output {
        Objects.requireNonNull(sheetName, "sheetName");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(fileNamePattern, "fileNamePattern");
    }
}
