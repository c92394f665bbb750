package se.kaa.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-memory token buckets, one per key (a user name, an IP address, an API key id): each holds up to
 * {@code capacity} tokens and refills continuously, completely within {@code period}. Memory is
 * bounded: when more than {@link #MAX_KEYS} keys are held, full buckets are forgotten (a full bucket
 * is the same as a new one).
 *
 * <p>Time comes from the application clock. A clock that goes back (tests set it) restarts the
 * refill from the new time instead of freezing the bucket.
 */
final class TokenBuckets {

    static final int MAX_KEYS = 100_000;

    private final int capacity;
    private final double tokensPerNano;
    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(int capacity, Duration period, Clock clock) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A rate limit needs a capacity of at least 1 and a positive period");
        }
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) period.toNanos();
        this.clock = clock;
    }

    /** Whether at least one token is left for {@code key}, without taking it. */
    boolean hasToken(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            return true;
        }
        synchronized (bucket) {
            bucket.refill(clock.instant());
            return bucket.tokens >= 1;
        }
    }

    /** Takes one token for {@code key}; false (and nothing taken) when none is left. */
    boolean tryTake(String key) {
        Bucket bucket = bucket(key);
        synchronized (bucket) {
            bucket.refill(clock.instant());
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    /** Takes one token for {@code key} if any is left (records an event such as a failed login). */
    void take(String key) {
        tryTake(key);
    }

    /** Whole seconds until {@code key} has a token again, at least 1; for {@code Retry-After}. */
    long secondsUntilToken(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            return 1;
        }
        synchronized (bucket) {
            bucket.refill(clock.instant());
            double missing = Math.max(0, 1 - bucket.tokens);
            return Math.max(1, (long) Math.ceil(missing / tokensPerNano / 1e9));
        }
    }

    private Bucket bucket(String key) {
        if (buckets.size() >= MAX_KEYS) {
            Instant now = clock.instant();
            buckets.values().removeIf(b -> {
                synchronized (b) {
                    b.refill(now);
                    return b.tokens >= capacity;
                }
            });
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity, clock.instant()));
    }

    private final class Bucket {
        private double tokens;
        private Instant last;

        Bucket(double tokens, Instant now) {
            this.tokens = tokens;
            this.last = now;
        }

        void refill(Instant now) {
            if (now.isAfter(last)) {
                double nanos = Duration.between(last, now).toNanos();
                tokens = Math.min(capacity, tokens + nanos * tokensPerNano);
            }
            last = now;
        }
    }
}
