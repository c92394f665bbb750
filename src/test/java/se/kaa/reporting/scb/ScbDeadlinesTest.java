package se.kaa.reporting.scb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import se.kaa.shared.HalfYear;

/** The deadlines README documents: H1's return due in the same year, H2's in the next, as configured. */
class ScbDeadlinesTest {

    @Test
    void anH1ReturnIsDueInTheSameYearAndAnH2ReturnInTheNext() {
        ScbDeadlines defaults = new ScbDeadlines("--10-15", "--03-15");
        assertThat(defaults.of(new HalfYear(2026, 1))).isEqualTo(LocalDate.of(2026, 10, 15));
        assertThat(defaults.of(new HalfYear(2026, 2))).isEqualTo(LocalDate.of(2027, 3, 15));
        assertThat(new ScbDeadlines("--09-30", "--02-28").of(new HalfYear(2025, 2))).isEqualTo(LocalDate.of(2026, 2, 28));
    }
}
