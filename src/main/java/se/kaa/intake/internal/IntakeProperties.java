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
 * @param hold              when a folkbokföring snapshot waits for a person to confirm it
 */
@ConfigurationProperties("kaa.intake")
public record IntakeProperties(
        @DefaultValue("50MB") DataSize maxFileSize,
        @DefaultValue("5000") int chunkSize,
        @DefaultValue("1000") int reportErrorLimit,
        @DefaultValue Hold hold) {

    public IntakeProperties {
        if (chunkSize < 1 || reportErrorLimit < 1) {
            throw new IllegalArgumentException("kaa.intake.chunk-size and report-error-limit must be positive");
        }
    }

    /**
     * A snapshot is held when it would move out more than {@code movedOutShare} of the residents the
     * previous snapshot listed <em>and</em> more than {@code movedOutCount} persons, or when it lists
     * fewer than {@code listedShare} of them ({@code KAA_HOLD_MOVED_OUT_SHARE}, {@code _COUNT},
     * {@code KAA_HOLD_LISTED_SHARE}).
     */
    public record Hold(
            @DefaultValue("0.10") double movedOutShare,
            @DefaultValue("25") int movedOutCount,
            @DefaultValue("0.80") double listedShare) {

        public Hold {
            if (movedOutShare < 0 || movedOutShare > 1 || listedShare < 0 || listedShare > 1 || movedOutCount < 0) {
                throw new IllegalArgumentException(
                        "kaa.intake.hold: the shares must be between 0 and 1 and the count not negative");
            }
        }
    }
}
