package se.kaa.platform.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on request bodies other than file uploads (JSON, forms), against clients that send too much
 * or too slowly. The servlet container's own limits (connections, threads, timeouts) are set under
 * {@code server.tomcat} in application.yml. A record of its own beside
 * {@link se.kaa.platform.PlatformProperties} only so that parallel work on the two stays apart.
 *
 * @param maxBody           the largest body accepted ({@code KAA_MAX_JSON_BODY}, default 1 MB); a larger
 *                          one is refused with 413 before anything of it is parsed
 * @param bodyReadTimeout   how long a body may take to arrive, from the end of the headers
 *                          ({@code KAA_BODY_READ_TIMEOUT}, default 20 s); a slower one is cut with 408
 */
@ConfigurationProperties("kaa.platform.web")
public record WebLimitsProperties(
        @DefaultValue("1MB") DataSize maxBody,
        @DefaultValue("20s") Duration bodyReadTimeout) {
}
