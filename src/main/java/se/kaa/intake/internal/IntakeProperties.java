package se.kaa.intake.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the import.
 *
 * @param maxFileSize       largest file accepted ({@code 413} above it); keep it at or below
 *                          {@code spring.servlet.multipart.max-file-size}, which applies first
 * @param chunkSize         rows validated, resolved to persons and copied to PostgreSQL at a time:
 *                          memory use depends on this, not on the size of the file
 * @param reportErrorLimit  most row errors listed in a report (all are kept and downloadable)
 */
@ConfigurationProperties("kaa.intake")
public record IntakeProperties(
        @DefaultValue("50MB") DataSize maxFileSize,
        @DefaultValue("5000") int chunkSize,
        @DefaultValue("1000") int reportErrorLimit) {

    public IntakeProperties {
        if (chunkSize < 1 || reportErrorLimit < 1) {
            throw new IllegalArgumentException("kaa.intake.chunk-size and report-error-limit must be positive");
        }
    }
}
