package se.kaa.reporting.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.kaa.reporting.board.BoardTestData.rec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import se.kaa.casework.PeriodRecords.PeriodRecord;
import se.kaa.reporting.board.BoardReport.Column;
import se.kaa.reporting.board.BoardReport.Row;
import se.kaa.shared.HalfYear;
import se.kaa.shared.PersonalIdentityNumber;

/** Each headline figure on a hand-made half-year (before suppression, where the numbers are small). */
@se.kaa.testsupport.ProcessLane
class BoardFiguresTest {

    static final HalfYear H1 = new HalfYear(2026, 1);

    static PersonalIdentityNumber pin(int i) {
        List<String> listed = BoardTestData.verifiedListed();
        return PersonalIdentityNumber.ofStored(listed.get(i));
    }

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    /**
     * Eight young people in 2026H1 (docs/board-report.md defines each figure). Women: listed 0–4; men:
     * listed 7, 8 and one more from Skatteverket's file.
     */
    static List<PeriodRecord> handMade() {
        return List.of(
                rec(pin(0)).registered(d("2026-02-01"), "AVBROTT").contact(d("2026-03-01"), "WORK").firstContact(d("2026-02-04"))
                        .measure(d("2026-02-10"), d("2026-04-01"), false, "STUDIES_KOMVUX").exited(d("2026-05-01"), "PABORJAT_UTBILDNING").build(),
                rec(pin(1)).registered(d("2025-09-01"), "STUDIEBEVIS").build(),
                rec(pin(2)).registered(d("2026-03-01"), "EJ_PABORJAT").contact(d("2026-03-21"), "UNKNOWN").firstContact(d("2026-03-21"))
                        .measure(d("2026-03-25"), d("2026-04-25"), true, "WORK").build(),
                rec(pin(3)).registered(d("2026-01-10"), null).contact(d("2026-02-01"), "STUDIES_FOLKHOGSKOLA").firstContact(d("2026-01-15"))
                        .exited(d("2026-06-20"), "FYLLT_20").build(),
                rec(pin(4)).registered(d("2026-06-25"), "INVANDRAD").build(),
                rec(pin(7)).registered(d("2026-04-01"), "IM").contact(d("2026-05-02"), "SICK").firstContact(d("2026-04-30"))
                        .measure(d("2026-04-05"), d("2026-06-01"), false, "WORK").measure(d("2026-03-01"), d("2026-05-01"), false, "UNKNOWN").build(),
                rec(pin(8)).registered(d("2025-12-01"), "STUDIEBEVIS").exited(d("2026-01-31"), "EXAMEN").measure(d("2025-11-01"), null, false, null).build(),
                rec(BoardTestData.man(0)).registered(d("2026-05-01"), "AVBROTT").exited(d("2026-05-10"), "UTFLYTTAD").build());
    }

    static BoardInput input(List<PeriodRecord> current, List<PeriodRecord> yearBefore, LocalDate asOf, Integer population) {
        SortedMap<HalfYear, List<PeriodRecord>> trend = new TreeMap<>(BoardInput.CHRONOLOGICAL);
        trend.put(H1, current);
        return new BoardInput("Testkommun", H1, current, yearBefore, trend, population, null, 14, asOf, NationalFigures.shipped(),
                Suppression.DEFAULT);
    }

    static Cell cur(BoardReport r, String row) {
        return r.row(row).current();
    }

    @Test
    void theListedNumbersAreSkatteverketsAndHaveTheExpectedSex() {
        assertThat(BoardTestData.verifiedListed()).hasSize(9);
        assertThat(Sex.of(pin(0))).isEqualTo(Sex.WOMAN);
        assertThat(Sex.of(pin(7))).isEqualTo(Sex.MAN);
        assertThat(Sex.of(BoardTestData.man(0))).isEqualTo(Sex.MAN);
    }

    @Test
    void youngPeopleInKaaWithTheirShareOfThePopulationAndBySex() {
        BoardReport r = BoardFigures.raw(input(handMade(), List.of(), d("2026-07-15"), 100));

        assertThat(cur(r, "inKaa")).isEqualTo(new Cell(8L, 8.0, 100L, false, null));
        assertThat(r.row("inKaa").women()).isEqualTo(Cell.share(5, 8));
        assertThat(r.row("inKaa").men()).isEqualTo(Cell.share(3, 8));
        assertThat(r.row("inKaa").note().key()).isEqualTo("reporting.board.note.inKaa.population");
        assertThat(r.row("inKaa").note().args()).containsExactly(100L);
        assertThat(r.row("inKaa").yearBefore().note()).isEqualTo(Cell.NO_DATA);

        BoardReport unknown = BoardFigures.raw(input(handMade(), List.of(), d("2026-07-15"), null));
        assertThat(cur(unknown, "inKaa")).isEqualTo(new Cell(8L, null, null, false, Cell.POPULATION_MISSING));
        assertThat(unknown.row("inKaa").note().key()).isEqualTo("reporting.board.note.inKaa.populationMissing");
    }

    @Test
    void newRegistrationsByReasonCountThoseRegisteredInsideTheHalfYear() {
        BoardReport r = BoardFigures.raw(input(handMade(), List.of(), d("2026-07-15"), 100));

        assertThat(cur(r, "newRegistrations").count()).isEqualTo(6);
        assertThat(cur(r, "newRegistrations.AVBROTT")).isEqualTo(Cell.share(2, 6));
        assertThat(cur(r, "newRegistrations.STUDIEBEVIS").count()).isZero();
        assertThat(cur(r, "newRegistrations.EJ_PABORJAT").count()).isEqualTo(1);
        assertThat(cur(r, "newRegistrations.INVANDRAD").count()).isEqualTo(1);
        assertThat(cur(r, "newRegistrations.IM").count()).isEqualTo(1);
        assertThat(cur(r, "newRegistrations.MISSING").count()).isEqualTo(1);
        assertThat(r.row("newRegistrations.OTHER")).as("no unknown reason, so no row for one").isNull();
        assertThat(r.row("newRegistrations").women().count()).isEqualTo(4);
        assertThat(r.row("newRegistrations").men().count()).isEqualTo(2);
    }

    @Test
    void contactOccupationAndMeasureSharesOfEveryone() {
        BoardReport r = BoardFigures.raw(input(handMade(), List.of(), d("2026-07-15"), 100));

        assertThat(cur(r, "contact")).isEqualTo(new Cell(4L, 50.0, 8L, false, null));
        assertThat(r.row("contact").women()).isEqualTo(Cell.share(3, 5));
        assertThat(r.row("contact").men()).isEqualTo(new Cell(1L, 33.3, 3L, false, null));
        // WORK, STUDIES_FOLKHOGSKOLA and SICK are known; UNKNOWN and none are not
        assertThat(cur(r, "occupationKnown")).isEqualTo(new Cell(3L, 37.5, 8L, false, null));
        // a declined measure does not count; an ongoing one that began before the half-year does
        assertThat(cur(r, "measure")).isEqualTo(new Cell(3L, 37.5, 8L, false, null));
    }

    @Test
    void deregistrationsByReasonAndTheShareToStudies() {
        BoardReport r = BoardFigures.raw(input(handMade(), List.of(), d("2026-07-15"), 100));

        assertThat(cur(r, "deregistrations").count()).isEqualTo(4);
        assertThat(cur(r, "deregistrations.PABORJAT_UTBILDNING").count()).isEqualTo(1);
        assertThat(cur(r, "deregistrations.EXAMEN").count()).isEqualTo(1);
        assertThat(cur(r, "deregistrations.FYLLT_20").count()).isEqualTo(1);
        assertThat(cur(r, "deregistrations.UTFLYTTAD").count()).isEqualTo(1);
        assertThat(cur(r, "deregistrations.AVLIDEN").count()).isZero();
        assertThat(cur(r, "deregistrations.toStudies")).isEqualTo(new Cell(2L, 50.0, 4L, false, null));
    }

    @Test
    void occupationAfterTheLatestEndedMeasure() {
        BoardReport r = BoardFigures.raw(input(handMade(), List.of(), d("2026-07-15"), 100));

        assertThat(cur(r, "afterMeasure").count()).isEqualTo(2);
        assertThat(cur(r, "afterMeasure.STUDIES").count()).isEqualTo(1);
        assertThat(cur(r, "afterMeasure.WORK").count()).as("the later of two ended measures decides").isEqualTo(1);
        assertThat(cur(r, "afterMeasure.UNKNOWN").count()).isZero();
        assertThat(cur(r, "afterMeasure.OTHER").count()).isZero();
        assertThat(BoardFigures.occupationGroup("STUDIES_ABROAD")).isEqualTo("STUDIES");
        assertThat(BoardFigures.occupationGroup(null)).isEqualTo("UNKNOWN");
        assertThat(BoardFigures.occupationGroup("PARENTAL_LEAVE")).isEqualTo("OTHER");
    }

    @Test
    void dataQuality() {
        BoardReport r = BoardFigures.raw(input(handMade(), List.of(), d("2026-07-15"), 100));

        assertThat(cur(r, "missingReason")).isEqualTo(new Cell(1L, 12.5, 8L, false, null));
        assertThat(cur(r, "unknownOccupation")).isEqualTo(new Cell(1L, 25.0, 4L, false, null));
        // 3, 5, 20 and 29 days: the median 12.5 is rounded to 13
        assertThat(cur(r, "daysToFirstContact")).isEqualTo(new Cell(13L, null, 4L, false, null));
        // target 14 days: late first contact (20 and 29 days) and no contact 20 days after registration are overdue;
        // the one who moved away before her deadline is not counted
        assertThat(cur(r, "overdue")).isEqualTo(new Cell(3L, 60.0, 5L, false, null));
        assertThat(r.row("overdue").note().args()).containsExactly(14L, "2026-07-15");
    }

    @Test
    void overdueIsReadOnTheDayTheFiguresAreRead() {
        // on 1 July the deadline of the one registered on 25 June has not passed yet
        BoardReport early = BoardFigures.raw(input(handMade(), List.of(), d("2026-07-01"), 100));
        assertThat(cur(early, "overdue")).isEqualTo(new Cell(2L, 50.0, 4L, false, null));
        // while the half-year is ongoing, a contact after the reading day does not exist yet
        BoardReport ongoing = BoardFigures.raw(input(handMade(), List.of(), d("2026-03-20"), 100));
        assertThat(ongoing.ongoing()).isTrue();
        assertThat(cur(ongoing, "overdue")).as("registered 1 Feb (in time), 10 Jan (in time), 1 Mar (not contacted by 20 Mar)")
                .isEqualTo(new Cell(1L, 33.3, 3L, false, null));
        assertThat(cur(ongoing, "daysToFirstContact")).isEqualTo(new Cell(4L, null, 2L, false, null));
    }

    @Test
    void medianOfWholeDays() {
        assertThat(BoardFigures.median(List.of(7L))).isEqualTo(7);
        assertThat(BoardFigures.median(List.of(1L, 2L))).isEqualTo(2);
        assertThat(BoardFigures.median(List.of(1L, 3L, 10L))).isEqualTo(3);
        assertThat(BoardFigures.median(List.of(2L, 4L, 6L, 100L))).isEqualTo(5);
    }

    @Test
    void percentagesHaveOneDecimalRoundedHalfUp() {
        assertThat(Cell.share(1, 3).percent()).isEqualTo(33.3);
        assertThat(Cell.share(2, 3).percent()).isEqualTo(66.7);
        assertThat(Cell.share(1, 8).percent()).isEqualTo(12.5);
        assertThat(Cell.share(1, 16).percent()).isEqualTo(6.3);
        assertThat(Cell.share(0, 0)).isEqualTo(new Cell(0L, null, 0L, false, Cell.NO_BASE));
        assertThatThrownBy(() -> new Cell(null, null, null, true, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theH2ReportHasTheWholeYearCountingEachPersonOnce() {
        HalfYear h2 = new HalfYear(2026, 2);
        List<PeriodRecord> firstHalf = List.of(
                rec(pin(0)).registered(d("2026-02-01"), "AVBROTT").exited(d("2026-03-01"), "EXAMEN").build(),
                rec(pin(1)).registered(d("2026-03-01"), "IM").contact(d("2026-03-05"), "WORK").build());
        List<PeriodRecord> secondHalf = List.of(
                rec(pin(1)).registered(d("2026-03-01"), "IM").build(),
                rec(pin(2)).registered(d("2026-08-01"), "AVBROTT").contact(d("2026-08-10"), "UNKNOWN").build());
        SortedMap<HalfYear, List<PeriodRecord>> trend = new TreeMap<>(BoardInput.CHRONOLOGICAL);
        trend.put(h2.previous(), firstHalf);
        trend.put(h2, secondHalf);
        BoardReport r = BoardFigures.raw(new BoardInput("Testkommun", h2, secondHalf, List.of(), trend, 100, null, 14, d("2027-01-20"),
                NationalFigures.shipped(), Suppression.DEFAULT));

        assertThat(r.wholePeriod()).isEqualTo(new BoardReport.WholePeriod(h2.previous(), h2));
        assertThat(r.row("inKaa").wholePeriod().count()).isEqualTo(3);
        assertThat(r.row("inKaa").current().count()).isEqualTo(2);
        assertThat(r.row("newRegistrations").wholePeriod().count()).isEqualTo(3);
        assertThat(r.row("newRegistrations").current().count()).isEqualTo(1);
        assertThat(r.row("deregistrations.EXAMEN").wholePeriod().count()).isEqualTo(1);
        assertThat(r.row("contact").wholePeriod()).as("a contact in either half counts").isEqualTo(Cell.share(2, 3));
        assertThat(r.row("occupationKnown").wholePeriod()).as("the latest contact's occupation").isEqualTo(Cell.share(1, 3));

        BoardReport first = BoardFigures.raw(input(handMade(), List.of(), d("2026-07-15"), 100));
        assertThat(first.wholePeriod()).isNull();
        assertThat(first.rows()).allSatisfy(row -> assertThat(row.wholePeriod()).isNull());
    }

    @Test
    void trendArrowsAgainstTheSameHalfYearLastYear() {
        List<PeriodRecord> now = new ArrayList<>();
        List<PeriodRecord> before = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            now.add(rec(BoardTestData.woman(i)).registered(d("2025-10-01"), "AVBROTT").contact(d("2026-02-01"), i < 20 ? "WORK" : null).build());
        }
        for (int i = 0; i < 30; i++) {
            before.add(rec(BoardTestData.woman(100 + i)).registered(d("2024-10-01"), "AVBROTT")
                    .contact(d("2025-02-01"), i < 15 ? "WORK" : null).build());
        }
        for (int i = 0; i < 6; i++) {
            before.add(rec(BoardTestData.man(i)).registered(d("2025-03-01"), i == 0 ? "EJ_PABORJAT" : "IM").contact(d("2025-04-01"), null).build());
        }
        BoardReport r = BoardFigures.compute(input(now, before, d("2026-07-15"), 1000));

        assertThat(r.row("inKaa").trend()).isEqualTo(Trend.UP);
        assertThat(r.row("contact").trend()).as("100 % both years").isEqualTo(Trend.SAME);
        assertThat(r.row("occupationKnown").trend()).as("50 % against 41.7 %").isEqualTo(Trend.UP);
        assertThat(r.row("newRegistrations").trend()).as("0 against 6").isEqualTo(Trend.DOWN);
        assertThat(r.row("newRegistrations.EJ_PABORJAT").yearBefore().suppressed()).isTrue();
        assertThat(r.row("newRegistrations.IM").yearBefore().suppressed()).as("secondary: 6 − 5").isTrue();
        assertThat(r.row("newRegistrations.IM").trend()).as("one side hidden").isNull();
        assertThat(r.row("newRegistrations.AVBROTT").trend()).as("0 against 0").isEqualTo(Trend.SAME);
        assertThat(r.row("daysToFirstContact").trend()).as("no one to take a median of").isNull();

        BoardReport ongoing = BoardFigures.compute(input(now, before, d("2026-04-01"), 1000));
        assertThat(ongoing.row("inKaa").trend()).as("a count so far against a whole half-year").isNull();
        assertThat(ongoing.row("contact").trend()).isEqualTo(Trend.SAME);
        assertThat(ongoing.notes()).extracting(BoardReport.Note::key).contains("reporting.board.note.ongoing");
    }

    @Test
    void nationalFiguresStandBesideTheRowsAndSayWhichYear() {
        BoardReport r = BoardFigures.compute(input(handMade(), List.of(), d("2026-07-15"), 100));
        Row inKaa = r.row("inKaa");

        assertThat(inKaa.national()).extracting(NationalValue::figure).containsExactly(NationalFigures.Figure.YOUNG_PEOPLE,
                NationalFigures.Figure.YOUNG_PEOPLE_SHARE, NationalFigures.Figure.WOMEN);
        assertThat(inKaa.national().get(1).period()).isEqualTo("2022H2");
        assertThat(inKaa.national().get(1).value()).isEqualTo(9.0);
        assertThat(inKaa.national().get(2).periodNote()).isEqualTo(BoardReport.Note.of("reporting.board.national.schoolYear", "2022/23"));
        assertThat(r.row("contact").national()).singleElement().satisfies(v -> {
            assertThat(v.value()).isEqualTo(45.0);
            assertThat(v.approximate()).isTrue();
            assertThat(v.periodNote()).isEqualTo(BoardReport.Note.of("reporting.board.national.halfYear", "2021", 2));
        });
        assertThat(r.row("occupationKnown").national()).isEmpty();
        assertThat(r.row("afterMeasure.STUDIES").national()).singleElement().extracting(NationalValue::value).isEqualTo(31.0);
        assertThat(r.row("deregistrations.toStudies").national()).singleElement().extracting(NationalValue::kind)
                .isEqualTo(NationalFigures.PeriodKind.UNDATED);
    }

    @Test
    void everyCellIsInOneColumnOfTheTable() {
        BoardReport r = BoardFigures.compute(input(handMade(), List.of(), d("2026-07-15"), 100));
        for (Row row : r.rows()) {
            assertThat(row.cell(Column.CURRENT)).as(row.id()).isNotNull();
            assertThat(row.cell(Column.YEAR_BEFORE)).as(row.id()).isNotNull();
        }
        assertThat(r.trend()).hasSize(6);
        assertThat(r.trend().get(5).halfYear()).isEqualTo(H1);
        assertThat(r.trend().get(0).halfYear()).isEqualTo(new HalfYear(2023, 2));
        assertThat(r.trend().get(0).youngPeople().note()).isEqualTo(Cell.NO_DATA);
    }
}
