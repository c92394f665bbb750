package se.kaa.security.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How people and systems sign in: OIDC single sign-on, HTTP Basic for the API, and the rate limits.
 * Lives under the same {@code kaa.security} prefix as {@link se.kaa.security.SecurityProperties}; a separate record
 * only so that parallel work on the two stays apart.
 *
 * <p>The OIDC settings and {@code api.basic-auth} are read from the environment on every use (see
 * the classes that use them), so these bound values are the ones at start.
 *
 * @param oidc      single sign-on ({@code KAA_OIDC_*}); off without an issuer
 * @param api       the API's authentication
 * @param rateLimit limits on failed logins and on API-key use
 */
@ConfigurationProperties("kaa.security")
public record SignInProperties(
        @DefaultValue Oidc oidc,
        @DefaultValue Api api,
        @DefaultValue RateLimit rateLimit) {

    /**
     * @param issuer             the issuer URI ({@code KAA_OIDC_ISSUER}); blank means OIDC is off
     * @param clientId           {@code KAA_OIDC_CLIENT_ID}
     * @param clientSecret       {@code KAA_OIDC_CLIENT_SECRET}
     * @param rolesClaim         the claim listing KAA roles ({@code KAA_OIDC_ROLES_CLAIM}, default {@code roles})
     * @param municipalitiesClaim the claim listing kommunkoder ({@code KAA_OIDC_MUNICIPALITIES_CLAIM},
     *                           default {@code kommuner})
     * @param usernameClaim      the claim naming the user ({@code KAA_OIDC_USERNAME_CLAIM}, default
     *                           {@code preferred_username}, falling back to {@code email} and {@code sub})
     * @param scopes             requested scopes ({@code KAA_OIDC_SCOPES}, default {@code openid,profile,email})
     */
    public record Oidc(
            String issuer,
            String clientId,
            String clientSecret,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("kommuner") String municipalitiesClaim,
            @DefaultValue("preferred_username") String usernameClaim,
            @DefaultValue("openid,profile,email") String scopes) {
    }

    /** @param basicAuth accept HTTP Basic with local accounts on the API ({@code KAA_API_BASIC_AUTH}, default on) */
    public record Api(@DefaultValue("true") boolean basicAuth) {
    }

    /**
     * Token buckets, in memory: each allows {@code capacity} events and refills completely over
     * {@code period}.
     *
     * @param loginFailuresPerAddress  failed logins from one IP address
     * @param apiKeyRequests           requests with one valid API key
     * @param unknownApiKeysPerAddress requests with an unknown, expired or revoked key from one IP address
     */
    public record RateLimit(
            @DefaultValue("30") int loginFailuresPerAddress,
            @DefaultValue("15m") Duration loginPeriod,
            @DefaultValue("600") int apiKeyRequests,
            @DefaultValue("1m") Duration apiKeyPeriod,
            @DefaultValue("20") int unknownApiKeysPerAddress,
            @DefaultValue("15m") Duration unknownApiKeyPeriod) {
    }
}
