package se.kaa.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HalfYearTest {

    @ParameterizedTest
    @CsvSource({
        "2026-01-01, 2026, 1",
        "2026-06-30, 2026, 1",
        "2026-07-01, 2026, 2",
        "2026-12-31, 2026, 2",
        "2024-02-29, 2024, 1",
    })
    void ofADate(LocalDate date, int year, int half) {
        HalfYear h = HalfYear.of(date);
        assertThat(h).isEqualTo(new HalfYear(year, half));
        assertThat(h.first()).isBeforeOrEqualTo(date);
        assertThat(h.last()).isAfterOrEqualTo(date);
    }

    @Test
    void firstAndLastDays() {
        assertThat(new HalfYear(2026, 1).first()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(new HalfYear(2026, 1).last()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(new HalfYear(2026, 2).first()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(new HalfYear(2026, 2).last()).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void theHalvesCoverTheYearWithoutGapOrOverlap() {
        for (int year : new int[] {2023, 2024, 2100}) {
            HalfYear h1 = new HalfYear(year, 1);
            HalfYear h2 = new HalfYear(year, 2);
            assertThat(h1.last().plusDays(1)).isEqualTo(h2.first());
            assertThat(h2.last().plusDays(1)).isEqualTo(new HalfYear(year + 1, 1).first());
            for (LocalDate d = h1.first(); !d.isAfter(h2.last()); d = d.plusDays(1)) {
                assertThat(HalfYear.of(d).half()).isEqualTo(d.isAfter(h1.last()) ? 2 : 1);
            }
        }
    }

    @Test
    void printsAsYearHHalf() {
        assertThat(new HalfYear(2026, 1)).hasToString("2026H1");
        assertThat(new HalfYear(2026, 2)).hasToString("2026H2");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, -1})
    void onlyHalvesOneAndTwo(int half) {
        assertThatThrownBy(() -> new HalfYear(2026, half))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("half is 1 or 2");
    }
}
