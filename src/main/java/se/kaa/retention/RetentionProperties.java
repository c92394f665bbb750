package se.kaa.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of retention ({@code kaa.retention.*}).
 *
 * @param enabled   whether the daily run removes anything ({@code KAA_RETENTION_ENABLED}); an installation
 *                  may switch it off until the municipality's archive authority has adopted the
 *                  policies (docs/security.md, "Retention"). The dry run and runs started by an
 *                  administrator work either way.
 * @param dailyCron when the daily run starts (after the night's recomputation of the target group)
 */
@ConfigurationProperties("kaa.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0 30 1 * * *") String dailyCron) {
}
