package se.kaa.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** A clock tests can set; starts at {@link #DEFAULT_DATE} noon, Swedish time. */
public class TestClock extends Clock {

    public static final LocalDate DEFAULT_DATE = LocalDate.of(2026, 11, 22);
    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    private volatile Instant instant;

    public TestClock() {
        reset();
    }

    public void reset() {
        setDate(DEFAULT_DATE);
    }

    public void setDate(LocalDate date) {
        this.instant = date.atTime(12, 0).atZone(ZONE).toInstant();
    }

    /** Moves the clock on, e.g. past a login lockout. */
    public void advance(java.time.Duration duration) {
        this.instant = instant.plus(duration);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(instant, ZONE);
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant, zone);
    }

    @Override
    public Instant instant() {
        return instant;
    }
}
