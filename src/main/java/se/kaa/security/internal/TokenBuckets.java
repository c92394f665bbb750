package se.kaa.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Token buckets in PostgreSQL, shared by every instance on the database: one per key (an IP address,
 * an API key's hash) within a {@code kind} of limit. Each holds up to {@code capacity} tokens and
 * refills continuously, completely within {@code period}. Every event is one statement on one row
 * (table {@code security_rate_limit}, primary key {@code (kind, key)}), so two instances never count
 * the same token twice.
 *
 * <p>A bucket is stored as its <em>theoretical arrival time</em> (GCRA): the time at which it would be
 * full again ({@code tat}); it is full when that time has passed, and each token taken moves it on by
 * {@code period / capacity}. A token is there when {@code tat + period / capacity - now <= period}.
 * Times are whole microseconds, so the arithmetic is exact. All of it is in the SQL below, nowhere else.
 *
 * <p>Time comes from the application clock. A clock that goes back (tests set it) restarts the refill
 * from the new time instead of freezing the bucket: {@code seen}, the last time the bucket was looked
 * at, moves {@code tat} back by as much as the clock went back. Full buckets are deleted now and then
 * ({@link #forgetFull()}); a missing bucket is a full one.
 */
final class TokenBuckets {

    /** {@code tat} as if the clock had never gone back before {@code :now}. */
    private static final String TAT = "(b.tat - GREATEST(b.seen - :now, 0))";
    /** When the bucket was last full or {@code :now}, whichever is later: the base the next token is added to. */
    private static final String BASE = "GREATEST(" + TAT + ", :now)";
    private static final String HAS_TOKEN = BASE + " + :interval - :now <= :period";

    private final String kind;
    private final long periodMicros;
    private final long intervalMicros;
    private final Clock clock;
    private final JdbcClient jdbc;

    TokenBuckets(String kind, int capacity, Duration period, Clock clock, JdbcClient jdbc) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A rate limit needs a capacity of at least 1 and a positive period");
        }
        this.kind = kind;
        this.periodMicros = period.toNanos() / 1000;
        this.intervalMicros = Math.max(1, periodMicros / capacity);
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** Whether at least one token is left for {@code key}, without taking it. */
    boolean hasToken(String key) {
        // A bucket not yet full (or seen at a later time) is brought up to now; a full one is not written.
        return jdbc.sql("UPDATE security_rate_limit b SET tat = " + BASE + ", seen = :now"
                        + " WHERE kind = :kind AND key = :key AND (b.tat > :now OR b.seen > :now)"
                        + " RETURNING b.tat + :interval - :now <= :period")
                .params(params(key))
                .query(Boolean.class).optional().orElse(true);
    }

    /** Takes one token for {@code key}; false (and nothing taken) when none is left. */
    boolean tryTake(String key) {
        return jdbc.sql("INSERT INTO security_rate_limit AS b (kind, key, tat, seen, allowed)"
                        + " VALUES (:kind, :key, :now + :interval, :now, true)"
                        + " ON CONFLICT (kind, key) DO UPDATE SET"
                        + " tat = CASE WHEN " + HAS_TOKEN + " THEN " + BASE + " + :interval ELSE " + BASE + " END,"
                        + " seen = :now,"
                        + " allowed = " + HAS_TOKEN
                        + " RETURNING allowed")
                .params(params(key))
                .query(Boolean.class).single();
    }

    /** Takes one token for {@code key} if any is left (records an event such as a failed login). */
    void take(String key) {
        tryTake(key);
    }

    /** Whole seconds until {@code key} has a token again, at least 1; for {@code Retry-After}. */
    long secondsUntilToken(String key) {
        return jdbc.sql("SELECT GREATEST(1, (" + BASE + " + :interval - :period - :now + 999999) / 1000000)"
                        + " FROM security_rate_limit b WHERE kind = :kind AND key = :key")
                .params(params(key))
                .query(Long.class).optional().orElse(1L);
    }

    /** Deletes the buckets that are full (the same as no bucket); returns how many. */
    int forgetFull() {
        return jdbc.sql("DELETE FROM security_rate_limit b WHERE kind = :kind AND b.tat <= :now AND b.seen <= :now")
                .param("kind", kind).param("now", micros(clock.instant()))
                .update();
    }

    private java.util.Map<String, Object> params(String key) {
        return java.util.Map.of("kind", kind, "key", key, "now", micros(clock.instant()),
                "interval", intervalMicros, "period", periodMicros);
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }
}
