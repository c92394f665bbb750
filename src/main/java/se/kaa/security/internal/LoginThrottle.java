package se.kaa.security.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per username – also for usernames that do not exist, so that a lockout
 * reveals nothing about which accounts exist – and locks with back-off: from the
 * {@value #FREE_ATTEMPTS}th failure in a row the username is locked for 1 minute, then 2, 4, … up to
 * {@value #MAX_LOCK_MINUTES}. A successful login clears the count.
 */
@Component
class LoginThrottle {

    static final int FREE_ATTEMPTS = 5;
    static final int MAX_LOCK_MINUTES = 60;

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Until when the username is locked, if it is now. */
    Optional<Instant> lockedUntil(String username) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT locked_until FROM login_failure WHERE username = ?")
                .param(key(username))
                .query((rs, n) -> rs.getTimestamp(1))
                .optional()
                .map(Timestamp::toInstant)
                .filter(until -> until.isAfter(now));
    }

    void failed(String username) {
        Instant now = clock.instant();
        int failures = jdbc.sql("""
                INSERT INTO login_failure (username, failures, last_failure) VALUES (?, 1, ?)
                ON CONFLICT (username) DO UPDATE SET failures = login_failure.failures + 1, last_failure = EXCLUDED.last_failure
                RETURNING failures""")
                .params(key(username), Timestamp.from(now))
                .query(Integer.class).single();
        if (failures >= FREE_ATTEMPTS) {
            jdbc.sql("UPDATE login_failure SET locked_until = ? WHERE username = ?")
                    .params(Timestamp.from(now.plus(lockDuration(failures))), key(username))
                    .update();
        }
    }

    void succeeded(String username) {
        jdbc.sql("DELETE FROM login_failure WHERE username = ?").param(key(username)).update();
    }

    static Duration lockDuration(int failures) {
        int doublings = Math.min(failures - FREE_ATTEMPTS, 6);
        return Duration.ofMinutes(Math.min(1L << doublings, MAX_LOCK_MINUTES));
    }

    private static String key(String username) {
        String u = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return u.length() > 200 ? u.substring(0, 200) : u;
    }
}
