package se.kaa.reporting.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.kaa.reporting.board.BoardTestData.rec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import se.kaa.casework.PeriodRecords.PeriodRecord;
import se.kaa.reporting.board.BoardReport.BaseLink;
import se.kaa.reporting.board.BoardReport.Breakdown;
import se.kaa.reporting.board.BoardReport.CellRef;
import se.kaa.reporting.board.BoardReport.Column;
import se.kaa.reporting.board.BoardReport.Row;
import se.kaa.reporting.board.BoardReport.RowKind;
import se.kaa.shared.HalfYear;

/** Primary and secondary suppression; a generic check that no hidden value can be derived from what is shown. */
@se.kaa.testsupport.ProcessLane
class SuppressionTest {

    static final HalfYear H1 = new HalfYear(2026, 1);

    static BoardInput input(List<PeriodRecord> current, Suppression s) {
        SortedMap<HalfYear, List<PeriodRecord>> trend = new TreeMap<>(BoardInput.CHRONOLOGICAL);
        trend.put(H1, current);
        return new BoardInput("Testkommun", H1, current, List.of(), trend, 2000, null, 14, LocalDate.of(2026, 8, 1),
                NationalFigures.shipped(), s);
    }

    /** {@code n} young people registered in the half-year for {@code reason}, women from {@code from}. */
    static List<PeriodRecord> registered(int n, String reason, int from) {
        List<PeriodRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(rec(BoardTestData.woman(from + i)).registered(LocalDate.of(2026, 2, 1), reason).build());
        }
        return out;
    }

    @Test
    void primaryHidesCountsOneToFourAndSharesOnSmallBases() {
        List<PeriodRecord> records = new ArrayList<>();
        records.addAll(registered(3, "AVBROTT", 0));
        records.addAll(registered(5, "STUDIEBEVIS", 10));
        records.addAll(registered(12, "EJ_PABORJAT", 20));
        BoardReport r = BoardFigures.compute(input(records, Suppression.DEFAULT));

        assertThat(r.row("newRegistrations.AVBROTT").current()).isEqualTo(Cell.hidden(Cell.SUPPRESSED));
        assertThat(r.row("newRegistrations.IM").current().count()).as("0 is shown").isZero();
        // 3 hidden alone would be 20 − 5 − 12: the next smallest non-zero part (5) is hidden too
        assertThat(r.row("newRegistrations.STUDIEBEVIS").current().suppressed()).isTrue();
        assertThat(r.row("newRegistrations.EJ_PABORJAT").current()).isEqualTo(Cell.share(12, 20));
        assertThat(r.row("newRegistrations").current().count()).isEqualTo(20);
        assertThat(r.notes()).extracting(BoardReport.Note::key).contains("reporting.board.footnote.suppressed");

        // 20 women, no men: 0 men is shown, so the women are not hidden
        assertThat(r.row("inKaa").men().count()).isZero();
        assertThat(r.row("inKaa").women().count()).isEqualTo(20);
        // a share among 0 men has no base; no contact at all: 0 of 20
        assertThat(r.row("contact").current()).isEqualTo(Cell.share(0, 20));
        assertThat(r.row("contact").men().note()).isEqualTo(Cell.NO_BASE);
    }

    @Test
    void aShareOfFewerThanTenIsHiddenAndACountLosesOnlyItsPercentage() {
        List<PeriodRecord> records = new ArrayList<>(registered(6, "AVBROTT", 0));
        records.add(rec(BoardTestData.man(0)).registered(LocalDate.of(2025, 3, 1), "IM").build());
        BoardReport r = BoardFigures.compute(input(records, Suppression.DEFAULT));

        assertThat(r.row("contact").current()).isEqualTo(Cell.hidden(Cell.SUPPRESSED_BASE)); // 0 of 7
        assertThat(r.row("newRegistrations.AVBROTT").current()).isEqualTo(new Cell(6L, null, 6L, false, Cell.PERCENT_HIDDEN));
        assertThat(r.row("inKaa").men()).isEqualTo(Cell.hidden(Cell.SUPPRESSED));
        assertThat(r.row("inKaa").women().suppressed()).as("6 = 7 − 1 would reveal the one man").isTrue();
        assertThat(r.row("inKaa").current().count()).isEqualTo(7);
    }

    @Test
    void aHiddenBaseHidesTheSharesOnIt() {
        List<PeriodRecord> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(rec(BoardTestData.woman(i)).contact(LocalDate.of(2026, 3, 1), "WORK").build());
        }
        for (int i = 0; i < 3; i++) {
            records.add(rec(BoardTestData.man(i)).contact(LocalDate.of(2026, 3, 1), "WORK").build());
        }
        BoardReport r = BoardFigures.compute(input(records, Suppression.DEFAULT));

        assertThat(r.row("inKaa").men().suppressed()).isTrue();
        assertThat(r.row("inKaa").women().suppressed()).isTrue();
        // women's contact share would show 30 as its base, and 33 − 30 = the hidden men
        assertThat(r.row("contact").women().suppressed()).isTrue();
        assertThat(r.row("contact").men().suppressed()).isTrue();
        assertThat(r.row("contact").current()).isEqualTo(Cell.share(33, 33));
    }

    @Test
    void suppressionIsConfigurable() {
        List<PeriodRecord> records = new ArrayList<>(registered(3, "AVBROTT", 0));
        records.addAll(registered(8, "STUDIEBEVIS", 10));
        assertThat(BoardFigures.compute(input(records, new Suppression(3, 5))).row("newRegistrations.AVBROTT").current().count()).isEqualTo(3);
        assertThat(BoardFigures.compute(input(records, Suppression.DEFAULT)).row("newRegistrations.AVBROTT").current().suppressed()).isTrue();
        assertThatThrownBy(() -> new Suppression(1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Suppression(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noHiddenValueCanBeDerivedInManyRandomReports() {
        Random rnd = new Random(20260101);
        int hiddenCells = 0;
        int secondary = 0;
        for (int i = 0; i < 400; i++) {
            Suppression s = i % 4 == 3 ? new Suppression(3, 5) : Suppression.DEFAULT;
            HalfYear period = i % 2 == 0 ? H1 : new HalfYear(2026, 2);
            BoardInput in = BoardTestData.randomInput(rnd, period, i % 5 == 0 ? 120 : 40, s);
            BoardReport raw = BoardFigures.raw(in);
            BoardReport shown = BoardFigures.compute(in);

            List<String> leaks = Leaks.of(raw, shown, s);
            assertThat(leaks).as("report %d", i).isEmpty();
            for (Row row : shown.rows()) {
                for (Column c : Column.values()) {
                    Cell cell = row.cell(c);
                    if (cell != null && cell.suppressed()) {
                        hiddenCells++;
                        Cell r = raw.row(row.id()).cell(c);
                        if (r.count() != null && r.count() >= s.minCount() && (r.base() == null || r.base() >= s.minBase())) {
                            secondary++;
                        }
                    }
                }
            }
        }
        assertThat(hiddenCells).as("the data exercises suppression").isGreaterThan(1000);
        assertThat(secondary).as("and secondary suppression").isGreaterThan(100);
    }

    @Test
    void theCheckFindsALeakWhenASecondaryCellIsShownAgain() {
        List<PeriodRecord> records = new ArrayList<>(registered(3, "AVBROTT", 0));
        records.addAll(registered(6, "STUDIEBEVIS", 10));
        records.addAll(registered(12, "EJ_PABORJAT", 20));
        BoardInput in = input(records, Suppression.DEFAULT);
        BoardReport raw = BoardFigures.raw(in);
        BoardReport shown = BoardFigures.compute(in);
        assertThat(Leaks.of(raw, shown, Suppression.DEFAULT)).isEmpty();

        CellRef secondary = new CellRef("newRegistrations.STUDIEBEVIS", Column.CURRENT);
        BoardReport leaky = shown.rebuilt((ref, cell) -> ref.equals(secondary) ? raw.cell(ref) : cell, shown.trend(), shown.suppression(), List.of());
        assertThat(Leaks.of(raw, leaky, Suppression.DEFAULT)).anySatisfy(leak -> assertThat(leak).contains("newRegistrations.AVBROTT"));

        BoardReport unsuppressedBase = shown.rebuilt((ref, cell) -> ref.equals(new CellRef("newRegistrations", Column.CURRENT))
                ? Cell.hidden(Cell.SUPPRESSED) : cell, shown.trend(), shown.suppression(), List.of());
        assertThat(Leaks.of(raw, unsuppressedBase, Suppression.DEFAULT)).anySatisfy(leak -> assertThat(leak).contains("base"));
    }

    /**
     * The generic check, written independently of {@link Suppression}: a reader sees the report and knows
     * the rules (a hidden count is ≥ 1 where zeros are shown; a share hidden for its base is ≤ minBase − 1;
     * a total is the sum of its parts) and combines every breakdown by interval reasoning. Also checked:
     * the reader's model holds for the true values, no single hidden part under a shown total, no shown
     * part under a hidden total, no shown base of a hidden count, every small value hidden.
     */
    static final class Leaks {
        static final long INF = Long.MAX_VALUE / 4;

        static List<String> of(BoardReport raw, BoardReport shown, Suppression s) {
            List<String> leaks = new ArrayList<>();
            Map<CellRef, long[]> known = new HashMap<>();
            List<Breakdown> complete = new ArrayList<>();
            for (Breakdown b : shown.breakdowns()) {
                List<CellRef> cells = new ArrayList<>(b.parts());
                cells.add(b.total());
                boolean ok = true;
                for (CellRef ref : cells) {
                    Cell c = shown.cell(ref);
                    Cell r = raw.cell(ref);
                    if (c == null || !c.suppressed() && c.count() == null) {
                        ok = false;
                        continue;
                    }
                    if (!c.suppressed() && !c.count().equals(r.count())) {
                        leaks.add(ref + " shows " + c.count() + " but is " + r.count());
                    }
                    known.putIfAbsent(ref, attacker(shown, ref, s));
                }
                if (ok) {
                    complete.add(b);
                    // the literal rule: never exactly one hidden part under a shown total
                    long hiddenParts = b.parts().stream().filter(p -> shown.cell(p).suppressed()).count();
                    if (!shown.cell(b.total()).suppressed() && hiddenParts == 1) {
                        leaks.add(b.id() + ": one hidden part under a shown total");
                    }
                    if (shown.cell(b.total()).suppressed() && hiddenParts < b.parts().size()) {
                        leaks.add(b.id() + ": a part shown under a hidden total");
                    }
                }
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Breakdown b : complete) {
                    long[] t = known.get(b.total());
                    long lo = 0;
                    long hi = 0;
                    for (CellRef p : b.parts()) {
                        lo = sat(lo + known.get(p)[0]);
                        hi = known.get(p)[1] >= INF || hi >= INF ? INF : sat(hi + known.get(p)[1]);
                    }
                    changed |= tighten(t, lo, hi);
                    for (CellRef p : b.parts()) {
                        long othersLo = 0;
                        long othersHi = 0;
                        for (CellRef q : b.parts()) {
                            if (!q.equals(p)) {
                                othersLo += known.get(q)[0];
                                othersHi = known.get(q)[1] >= INF || othersHi >= INF ? INF : sat(othersHi + known.get(q)[1]);
                            }
                        }
                        changed |= tighten(known.get(p), othersHi >= INF ? 0 : t[0] - othersHi, t[1] >= INF ? INF : t[1] - othersLo);
                    }
                }
            }
            known.forEach((ref, iv) -> {
                long truth = raw.cell(ref).count() == null ? 0 : raw.cell(ref).count();
                if (iv[0] > truth || iv[1] < truth) {
                    leaks.add(ref + ": the attacker's model is wrong (" + iv[0] + ".." + iv[1] + " but " + truth + ")");
                } else if (shown.cell(ref).suppressed() && iv[0] == iv[1]) {
                    leaks.add(ref + " is hidden but can be derived: " + iv[0]);
                }
            });
            for (BaseLink link : shown.baseLinks()) {
                Cell c = shown.cell(link.cell());
                Cell base = shown.cell(link.base());
                if (c != null && base != null && c.base() != null && base.suppressed()) {
                    leaks.add(link.cell() + " shows its base, the hidden " + link.base());
                }
                if (c != null && base != null && !c.suppressed() && base.suppressed()) {
                    leaks.add(link.cell() + " is shown, but its base " + link.base() + " is hidden");
                }
            }
            for (Row row : raw.rows()) {
                for (Column col : Column.values()) {
                    Cell r = row.cell(col);
                    Cell c = shown.row(row.id()).cell(col);
                    if (r == null) {
                        continue;
                    }
                    boolean smallCount = row.kind() != RowKind.MEDIAN_DAYS && r.count() != null && r.count() >= 1 && r.count() < s.minCount();
                    boolean smallBase = row.kind() != RowKind.COUNT && r.base() != null && r.base() > 0 && r.base() < s.minBase();
                    if ((smallCount || smallBase) && !c.suppressed()) {
                        leaks.add(row.id() + " " + col + " is small but shown");
                    }
                    if (c.percent() != null && c.base() != null && c.base() < s.minBase()) {
                        leaks.add(row.id() + " " + col + " shows a percentage of fewer than " + s.minBase());
                    }
                    if (c.suppressed() && (c.count() != null || c.percent() != null || c.base() != null)) {
                        leaks.add(row.id() + " " + col + " is hidden but carries a value");
                    }
                }
            }
            for (int i = 0; i < raw.trend().size(); i++) {
                Cell r = raw.trend().get(i).youngPeople();
                Cell c = shown.trend().get(i).youngPeople();
                if (r.count() != null && r.count() >= 1 && r.count() < s.minCount() && !c.suppressed()) {
                    leaks.add("trend " + raw.trend().get(i).halfYear() + " is small but shown");
                }
            }
            return leaks;
        }

        /** What the report tells a reader who knows the rules (docs/board-report.md), from the shown report alone. */
        private static long[] attacker(BoardReport shown, CellRef ref, Suppression s) {
            Cell c = shown.cell(ref);
            if (!c.suppressed()) {
                return new long[] {c.count(), c.count()};
            }
            if (Cell.SUPPRESSED_BASE.equals(c.note())) {
                return new long[] {0, s.minBase() - 1};
            }
            boolean zerosShown = shown.row(ref.rowId()).kind() == RowKind.COUNT
                    && shown.breakdowns().stream().noneMatch(b -> b.parts().contains(ref) && shown.cell(b.total()).suppressed())
                    && shown.baseLinks().stream().noneMatch(l -> l.cell().equals(ref) && shown.cell(l.base()).suppressed());
            return new long[] {zerosShown ? 1 : 0, INF};
        }

        private static boolean tighten(long[] v, long lo, long hi) {
            boolean changed = false;
            if (lo > v[0]) {
                v[0] = lo;
                changed = true;
            }
            if (hi < v[1]) {
                v[1] = hi;
                changed = true;
            }
            return changed;
        }

        private static long sat(long v) {
            return Math.min(INF, v);
        }
    }
}
