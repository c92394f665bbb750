package se.kaa.security.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import se.kaa.platform.ClusterJob;

/**
 * Rate limits on signing in, in PostgreSQL ({@link TokenBuckets}): every instance on the database
 * counts against the same buckets.
 *
 * <ul>
 * <li>Logins with a password (the login form and HTTP Basic) are limited by <em>failures</em>, per user
 *     name and per IP address: a user who types her password right is never slowed down, someone
 *     guessing is. When a bucket is empty, every attempt for that name or from that address is refused
 *     before the password is even checked, until the bucket refills.</li>
 * <li>A valid API key is limited by requests per key; unknown, expired or revoked keys by attempts per
 *     IP address, checked before the key is looked up.</li>
 * </ul>
 */
@Component
class SignInRateLimits {

    private static final Logger log = LoggerFactory.getLogger(SignInRateLimits.class);

    private final TokenBuckets loginFailuresByAddress;
    private final TokenBuckets apiKeyRequests;
    private final TokenBuckets unknownApiKeysByAddress;

    SignInRateLimits(SignInProperties properties, Clock clock, JdbcClient jdbc) {
        SignInProperties.RateLimit limits = properties.rateLimit();
        this.loginFailuresByAddress = new TokenBuckets("login-failures-by-address",
                limits.loginFailuresPerAddress(), limits.loginPeriod(), clock, jdbc);
        this.apiKeyRequests = new TokenBuckets("api-key-requests", limits.apiKeyRequests(), limits.apiKeyPeriod(), clock, jdbc);
        this.unknownApiKeysByAddress = new TokenBuckets("unknown-api-keys-by-address",
                limits.unknownApiKeysPerAddress(), limits.unknownApiKeyPeriod(), clock, jdbc);
    }

    /** Deletes full buckets (the same as none), so that the table holds only addresses and keys in use. */
    @Scheduled(fixedDelay = 10, initialDelay = 10, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
    @ClusterJob("rate-limit-cleanup")
    void forgetFullBuckets() {
        int forgotten = loginFailuresByAddress.forgetFull() + apiKeyRequests.forgetFull() + unknownApiKeysByAddress.forgetFull();
        log.debug("Rate limits: {} full buckets forgotten", forgotten);
    }

    /**
     * Whether a login from this address may be tried now. Failures for one user name are handled by
     * the account lockout with back-off ({@code LoginThrottle}), which is kept in the database; this
     * limit stops one address from trying many user names (password spraying).
     */
    boolean loginAllowed(String address) {
        return loginFailuresByAddress.hasToken(address);
    }

    long loginRetryAfterSeconds(String address) {
        return loginFailuresByAddress.secondsUntilToken(address);
    }

    void loginFailed(String address) {
        if (address != null) {
            loginFailuresByAddress.take(address);
        }
    }

    /** Takes one request from the key's allowance; false when it is used up. */
    boolean apiKeyRequest(String key) {
        return apiKeyRequests.tryTake(key);
    }

    long apiKeyRetryAfterSeconds(String key) {
        return apiKeyRequests.secondsUntilToken(key);
    }

    boolean unknownApiKeyAllowed(String address) {
        return unknownApiKeysByAddress.hasToken(address);
    }

    void unknownApiKey(String address) {
        unknownApiKeysByAddress.take(address);
    }

    long unknownApiKeyRetryAfterSeconds(String address) {
        return unknownApiKeysByAddress.secondsUntilToken(address);
    }

    /** Counts every failed password login, whichever way it came (form or HTTP Basic). */
    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken token) {
            String address = token.getDetails() instanceof WebAuthenticationDetails details
                    ? details.getRemoteAddress() : null;
            loginFailed(address);
            if (!loginAllowed(address == null ? "" : address)) {
                // The user name is not logged: it may be a password typed into the wrong field.
                log.warn("Login rate limit reached (address {})", address);
            }
        }
    }

}
