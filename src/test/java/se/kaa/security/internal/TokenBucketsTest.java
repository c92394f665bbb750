package se.kaa.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.testsupport.KaaIntegrationTest;

/** The buckets live in PostgreSQL: each test uses a kind of its own, so it starts with full buckets. */
@KaaIntegrationTest
class TokenBucketsTest {

    @Autowired JdbcClient jdbc;

    private TokenBuckets buckets(int capacity, Duration period, Clock clock) {
        return new TokenBuckets("test-" + java.util.UUID.randomUUID(), capacity, period, clock, jdbc);
    }

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
        TokenBuckets buckets = buckets(3, Duration.ofMinutes(3), clock);
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
        TokenBuckets buckets = buckets(1, Duration.ofMinutes(1), clock);
        buckets.take("a");
        clock.now = clock.now.minus(Duration.ofDays(1));
        assertThat(buckets.hasToken("a")).isFalse();
        clock.now = clock.now.plusSeconds(60);
        assertThat(buckets.hasToken("a")).isTrue();
    }

    @Test
    void takesAtTheSameTimeNeverGetMoreThanTheCapacity() throws Exception {
        MutableClock clock = new MutableClock();
        TokenBuckets buckets = buckets(30, Duration.ofMinutes(15), clock);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> takes = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                takes.add(pool.submit(() -> buckets.tryTake("10.0.0.1")));
            }
            int taken = 0;
            for (java.util.concurrent.Future<Boolean> take : takes) {
                taken += take.get() ? 1 : 0;
            }
            assertThat(taken).isEqualTo(30);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void fullBucketsAreForgottenAndAForgottenBucketIsFull() {
        MutableClock clock = new MutableClock();
        TokenBuckets buckets = buckets(2, Duration.ofMinutes(2), clock);
        buckets.take("a");
        buckets.take("b");
        buckets.take("b");
        clock.now = clock.now.plusSeconds(60);
        assertThat(buckets.forgetFull()).as("a is full again, b is not").isEqualTo(1);
        assertThat(buckets.tryTake("a")).isTrue();
        assertThat(buckets.tryTake("a")).isTrue();
        assertThat(buckets.tryTake("a")).isFalse();
        assertThat(buckets.tryTake("b")).isTrue();
        assertThat(buckets.tryTake("b")).isFalse();
    }
}
