package se.kaa.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void refusesWhenEmptyAndRefillsOverThePeriod() {
        MutableClock clock = new MutableClock();
        TokenBuckets buckets = new TokenBuckets(3, Duration.ofMinutes(3), clock);
        assertThat(buckets.tryTake("a")).isTrue();
        assertThat(buckets.tryTake("a")).isTrue();
        assertThat(buckets.tryTake("a")).isTrue();
        assertThat(buckets.tryTake("a")).isFalse();
        assertThat(buckets.hasToken("a")).isFalse();
        assertThat(buckets.hasToken("b")).as("keys are separate").isTrue();
        assertThat(buckets.secondsUntilToken("a")).isEqualTo(60);

        clock.now = clock.now.plusSeconds(59);
        assertThat(buckets.tryTake("a")).isFalse();
        clock.now = clock.now.plusSeconds(1);
        assertThat(buckets.tryTake("a")).as("one token per minute").isTrue();
        assertThat(buckets.tryTake("a")).isFalse();

        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThat(buckets.tryTake("a")).isTrue();
        assertThat(buckets.tryTake("a")).isTrue();
        assertThat(buckets.tryTake("a")).isTrue();
        assertThat(buckets.tryTake("a")).as("never more than the capacity").isFalse();
    }

    @Test
    void aClockThatGoesBackDoesNotFreezeTheBucket() {
        MutableClock clock = new MutableClock();
        TokenBuckets buckets = new TokenBuckets(1, Duration.ofMinutes(1), clock);
        buckets.take("a");
        clock.now = clock.now.minus(Duration.ofDays(1));
        assertThat(buckets.hasToken("a")).isFalse();
        clock.now = clock.now.plusSeconds(60);
        assertThat(buckets.hasToken("a")).isTrue();
    }
}
