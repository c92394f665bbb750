package se.kaa.reporting.board;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import se.kaa.casework.Caseload;
import se.kaa.casework.PeriodRecords;
import se.kaa.casework.PeriodRecords.PeriodRecord;
import se.kaa.intake.Residents;
import se.kaa.shared.HalfYear;
import se.kaa.shared.MunicipalityCode;

/**
 * A municipality's board report for a half-year, from casework's reported facts (the SCB return's own
 * definition, {@link PeriodRecords}), the folkbokförda 16–19 of its latest snapshot ({@link Residents}),
 * its first-contact target and the national figures in use ({@link NationalFiguresStore}); suppressed by
 * {@link BoardFigures}. The six half-years of the trend are counted only (no measures or occupations).
 */
@Component
public class BoardReports {

    private final PeriodRecords records;
    private final Residents residents;
    private final Caseload caseload;
    private final Clock clock;
    private final BoardSettings settings;
    private final NationalFiguresStore national;

    BoardReports(PeriodRecords records, Residents residents, Caseload caseload, Clock clock, BoardSettings settings,
                 NationalFiguresStore national) {
        this.national = national;
        this.settings = settings;
        this.records = records;
        this.residents = residents;
        this.caseload = caseload;
        this.clock = clock;
    }

    public BoardReport build(MunicipalityCode m, HalfYear period) {
        LocalDate today = LocalDate.now(clock);
        LocalDate asOf = period.last().isBefore(today) ? period.last() : today;
        HalfYear yearBefore = period.yearBefore();
        List<PeriodRecord> current = records.of(m, period.first(), asOf);
        List<PeriodRecord> before = records.of(m, yearBefore.first(), yearBefore.last());
        SortedMap<HalfYear, List<PeriodRecord>> trend = new TreeMap<>(BoardInput.CHRONOLOGICAL);
        HalfYear h = period;
        for (int i = 0; i < 6; i++) {
            if (h.equals(period)) {
                trend.put(h, current);
            } else if (h.equals(yearBefore)) {
                trend.put(h, before);
            } else if (h.equals(period.previous()) && period.half() == 2) {
                trend.put(h, records.of(m, h.first(), h.last())); // the whole year's first half, in full
            } else {
                trend.put(h, records.counted(m, h.first(), h.last()));
            }
            h = h.previous();
        }
        Integer population = residents.aged16to19(m, asOf).map(Residents.Count::residents).orElse(null);
        Integer populationBefore = residents.aged16to19(m, yearBefore.last()).map(Residents.Count::residents).orElse(null);
        return BoardFigures.compute(new BoardInput(m.value(), period, current, before, trend, population, populationBefore,
                caseload.firstContactTargetDays(m), asOf, national.current(), settings.suppression(m)));
    }
}
