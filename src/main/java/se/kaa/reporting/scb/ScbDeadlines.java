package se.kaa.reporting.scb;

import java.time.LocalDate;
import java.time.MonthDay;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import se.kaa.shared.HalfYear;

/**
 * When a half-year's SCB return is due: not public, so a setting ({@code kaa.reporting.scb-deadline-h1},
 * {@code -h2}, month-day): H1's file in the autumn of the same year, H2's early in the next.
 */
@Component
public class ScbDeadlines {

    private final MonthDay h1;
    private final MonthDay h2;

    ScbDeadlines(@Value("${kaa.reporting.scb-deadline-h1:--10-15}") String h1,
                 @Value("${kaa.reporting.scb-deadline-h2:--03-15}") String h2) {
        this.h1 = MonthDay.parse(h1);
        this.h2 = MonthDay.parse(h2);
    }

    public LocalDate of(HalfYear period) {
        return period.half() == 1 ? h1.atYear(period.year()) : h2.atYear(period.year() + 1);
    }
}
