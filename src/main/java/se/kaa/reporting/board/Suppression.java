package se.kaa.reporting.board;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import se.kaa.reporting.board.BoardReport.BaseLink;
import se.kaa.reporting.board.BoardReport.Breakdown;
import se.kaa.reporting.board.BoardReport.CellRef;
import se.kaa.reporting.board.BoardReport.Column;
import se.kaa.reporting.board.BoardReport.Note;
import se.kaa.reporting.board.BoardReport.Row;
import se.kaa.reporting.board.BoardReport.RowKind;
import se.kaa.reporting.board.BoardReport.TrendPoint;

/**
 * Small-cell suppression of the board report, configurable per municipality (no published KAA rule
 * exists; this is ours – docs/board-report.md, "Suppression").
 *
 * <ol>
 *   <li><b>Primary.</b> A count from 1 to {@code minCount − 1} is hidden (0 is shown). A share or a
 *       median over fewer than {@code minBase} young people is hidden. A count whose percentage is of
 *       fewer than {@code minBase} keeps its count and loses its percentage.</li>
 *   <li><b>Hidden totals and bases.</b> When the total of a breakdown is hidden, all its parts are
 *       hidden, zeros included (a shown 0 beside a hidden total says where the few are); so is every
 *       cell whose base is a hidden count (its percentage and base would reveal it).</li>
 *   <li><b>Secondary.</b> In every breakdown that adds up to a total (reasons, exit reasons, the share to
 *       studies, occupation groups, women + men) no hidden value may follow from what is shown. The
 *       reader is assumed to know the shown values and these rules: a hidden count is at least 1 where
 *       zeros are shown (not under a hidden total or base, not a share's numerator), a share hidden for its small base is at
 *       most {@code minBase − 1}, and totals equal the sum of their parts – combined over all
 *       breakdowns by interval reasoning. While a hidden cell is pinned to one value that way (always
 *       when exactly one part of a breakdown under a shown total is hidden), the smallest non-zero shown
 *       part of its breakdown is hidden too; where there is none, the total.</li>
 * </ol>
 * Suppression is applied to the whole report: table, chart data and trend points. Differences between
 * reports of different periods or municipalities are not protected (docs/board-report.md).
 *
 * @param minCount the smallest count shown (besides 0); default 5, so 1–4 are hidden
 * @param minBase  the smallest base a percentage or median is shown for; default 10; at least {@code minCount}
 */
public record Suppression(int minCount, int minBase) {

    /** Counts 1–4 hidden, percentages on a base under 10 hidden. */
    public static final Suppression DEFAULT = new Suppression(5, 10);

    static final long INF = Long.MAX_VALUE / 4;

    public Suppression {
        if (minCount < 2) {
            throw new IllegalArgumentException("minCount is at least 2 (counts 1..minCount-1 are hidden)");
        }
        if (minBase < minCount) {
            throw new IllegalArgumentException("minBase is at least minCount: a shown base is a shown count");
        }
    }

    /** Suppresses a report computed by {@link BoardFigures#raw}. */
    BoardReport apply(BoardReport raw) {
        Map<CellRef, Cell> rawCells = new LinkedHashMap<>();
        Map<String, RowKind> kinds = new HashMap<>();
        for (Row r : raw.rows()) {
            kinds.put(r.id(), r.kind());
            for (Column c : Column.values()) {
                if (r.cell(c) != null) {
                    rawCells.put(new CellRef(r.id(), c), r.cell(c));
                }
            }
        }
        State state = new State(rawCells, kinds);
        rawCells.forEach((ref, cell) -> state.primary(ref, kinds.get(ref.rowId()), cell));
        Set<CellRef> unresolvable = new HashSet<>();
        for (int guard = 0; guard < 10_000; guard++) {
            boolean changed = state.applyBaseLinks(raw.baseLinks());
            changed |= state.hidePartsOfHiddenTotals(raw.breakdowns());
            Optional<CellRef> pinned = state.derivable(raw.breakdowns(), raw.baseLinks(), unresolvable);
            if (pinned.isPresent()) {
                if (!state.hideNeighbour(pinned.get(), raw.breakdowns())) {
                    unresolvable.add(pinned.get()); // everything around it is hidden already
                }
            } else if (!changed) {
                break;
            }
        }

        List<TrendPoint> trend = new ArrayList<>();
        for (TrendPoint p : raw.trend()) {
            Cell c = p.youngPeople();
            Cell same = p.halfYear().equals(raw.period()) ? state.shown.get(new CellRef(BoardFigures.IN_KAA, Column.CURRENT))
                    : p.halfYear().equals(raw.yearBeforePeriod()) ? state.shown.get(new CellRef(BoardFigures.IN_KAA, Column.YEAR_BEFORE)) : null;
            if (same != null && same.suppressed() || isSmall(c.count())) {
                c = Cell.hidden(Cell.SUPPRESSED); // the trend repeats the table's count: hidden where it is
            }
            trend.add(new TrendPoint(p.halfYear(), c));
        }
        return raw.rebuilt((ref, cell) -> state.shown.getOrDefault(ref, cell), trend, this,
                List.of(Note.of("reporting.board.footnote.suppressed", (long) (minCount - 1), (long) minBase)));
    }

    /**
     * What a reader who knows these rules can tell of a cell from the report alone: a shown count
     * exactly; a share hidden for its base at most {@code minBase − 1}; a hidden count at least 1 where
     * zeros are shown (not under a hidden total or base, and not a share's numerator, which may be hidden at 0).
     */
    long[] knowledge(Cell shown, RowKind kind, boolean zeroMayBeHidden) {
        if (shown == null) {
            return null;
        }
        if (!shown.suppressed()) {
            return shown.count() == null ? null : new long[] {shown.count(), shown.count()};
        }
        if (Cell.SUPPRESSED_BASE.equals(shown.note())) {
            return new long[] {0, minBase - 1};
        }
        return new long[] {kind == RowKind.COUNT && !zeroMayBeHidden ? 1 : 0, INF};
    }

    private boolean isSmall(Long n) {
        return n != null && n >= 1 && n < minCount;
    }

    /** The cells as they will be shown, with why each hidden one is hidden. */
    private final class State {
        final Map<CellRef, Cell> raw;
        final Map<String, RowKind> kinds;
        final Map<CellRef, Cell> shown = new LinkedHashMap<>();

        State(Map<CellRef, Cell> raw, Map<String, RowKind> kinds) {
            this.raw = raw;
            this.kinds = kinds;
        }

        void primary(CellRef ref, RowKind kind, Cell c) {
            Long n = c.count();
            Long base = c.base();
            boolean smallBase = base != null && base > 0 && base < minBase;
            Cell result = c;
            if (kind != RowKind.MEDIAN_DAYS && isSmall(n)) {
                result = hide(ref, Cell.SUPPRESSED);
            } else if (smallBase && kind != RowKind.COUNT) {
                result = hide(ref, Cell.SUPPRESSED_BASE);
            } else if (smallBase && c.percent() != null) {
                result = c.withoutPercent(true);
            }
            shown.put(ref, result);
        }

        private Cell hide(CellRef ref, String note) {
            Cell hidden = Cell.hidden(note);
            shown.put(ref, hidden);
            return hidden;
        }

        boolean hidden(CellRef ref) {
            Cell c = shown.get(ref);
            return c != null && c.suppressed();
        }

        boolean applyBaseLinks(List<BaseLink> links) {
            boolean changed = false;
            for (BaseLink link : links) {
                Cell c = shown.get(link.cell());
                if (c == null || c.suppressed() || !hidden(link.base())) {
                    continue;
                }
                hide(link.cell(), Cell.SUPPRESSED);
                changed = true;
            }
            return changed;
        }

        boolean hidePartsOfHiddenTotals(List<Breakdown> breakdowns) {
            boolean changed = false;
            for (Breakdown b : breakdowns) {
                if (hidden(b.total())) {
                    for (CellRef p : b.parts()) {
                        Cell c = shown.get(p);
                        if (c != null && !c.suppressed() && c.count() != null) {
                            hide(p, Cell.SUPPRESSED);
                            changed = true;
                        }
                    }
                }
            }
            return changed;
        }

        /** What a reader who knows the rules can tell of a cell's count: [lo, hi], or null when the cell has no count. */
        long[] knowledge(CellRef ref, List<Breakdown> breakdowns, List<BaseLink> links) {
            boolean zeroMayBeHidden = breakdowns.stream().anyMatch(b -> b.parts().contains(ref) && hidden(b.total()))
                    || links.stream().anyMatch(l -> l.cell().equals(ref) && hidden(l.base()));
            return Suppression.this.knowledge(shown.get(ref), kinds.get(ref.rowId()), zeroMayBeHidden);
        }

        /** A hidden cell whose value follows from the shown ones, if any. */
        Optional<CellRef> derivable(List<Breakdown> breakdowns, List<BaseLink> links, Set<CellRef> skip) {
            Map<CellRef, long[]> known = Intervals.propagate(breakdowns, ref -> knowledge(ref, breakdowns, links));
            return known.entrySet().stream()
                    .filter(e -> hidden(e.getKey()) && !skip.contains(e.getKey()) && e.getValue()[0] == e.getValue()[1])
                    .map(Map.Entry::getKey).findFirst();
        }

        /**
         * Hides the smallest non-zero shown part of a breakdown {@code pinned} is in (first those it is
         * a part of), else a shown total of one; false when there is nothing left to hide.
         */
        boolean hideNeighbour(CellRef pinned, List<Breakdown> breakdowns) {
            List<Breakdown> asPart = breakdowns.stream().filter(b -> b.parts().contains(pinned)).toList();
            List<Breakdown> asTotal = breakdowns.stream().filter(b -> b.total().equals(pinned)).toList();
            for (List<Breakdown> group : List.of(asPart, asTotal)) {
                for (Breakdown b : group) {
                    Optional<CellRef> smallest = b.parts().stream()
                            .filter(p -> !p.equals(pinned) && shown.containsKey(p) && !hidden(p))
                            .filter(p -> raw.get(p).count() != null && raw.get(p).count() > 0)
                            .min(Comparator.comparingLong(p -> raw.get(p).count()));
                    if (smallest.isPresent()) {
                        hide(smallest.get(), Cell.SUPPRESSED);
                        return true;
                    }
                }
            }
            for (Breakdown b : asPart) {
                Cell total = shown.get(b.total());
                if (total != null && !total.suppressed() && total.count() != null) {
                    hide(b.total(), Cell.SUPPRESSED);
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Interval reasoning over breakdowns (total = sum of parts): each cell's [lo, hi] is narrowed by every
     * breakdown it is in until nothing changes. A cell with lo == hi is known exactly.
     */
    static final class Intervals {
        private Intervals() {
        }

        static Map<CellRef, long[]> propagate(List<Breakdown> breakdowns, java.util.function.Function<CellRef, long[]> initial) {
            Map<CellRef, long[]> iv = new HashMap<>();
            List<Breakdown> active = new ArrayList<>();
            for (Breakdown b : breakdowns) {
                boolean complete = true;
                for (CellRef ref : cells(b)) {
                    long[] k = iv.containsKey(ref) ? iv.get(ref) : initial.apply(ref);
                    if (k == null) {
                        complete = false;
                    } else {
                        iv.put(ref, k.clone());
                    }
                }
                if (complete) {
                    active.add(b);
                }
            }
            boolean changed = true;
            for (int round = 0; changed && round < 1_000; round++) {
                changed = false;
                for (Breakdown b : active) {
                    long[] t = iv.get(b.total());
                    List<long[]> parts = b.parts().stream().map(iv::get).toList();
                    long sumLo = 0;
                    long sumHi = 0;
                    for (long[] p : parts) {
                        sumLo = add(sumLo, p[0]);
                        sumHi = add(sumHi, p[1]);
                    }
                    changed |= narrow(t, sumLo, sumHi);
                    for (long[] p : parts) {
                        long othersLo = sumLo - p[0];
                        long othersHi = 0;
                        for (long[] q : parts) {
                            if (q != p) {
                                othersHi = add(othersHi, q[1]);
                            }
                        }
                        long lo = othersHi >= INF ? 0 : t[0] - othersHi;
                        long hi = t[1] >= INF ? INF : t[1] - othersLo;
                        changed |= narrow(p, lo, hi);
                    }
                }
            }
            return iv;
        }

        private static List<CellRef> cells(Breakdown b) {
            List<CellRef> all = new ArrayList<>(b.parts());
            all.add(b.total());
            return all;
        }

        private static boolean narrow(long[] v, long lo, long hi) {
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

        private static long add(long a, long b) {
            return a >= INF || b >= INF ? INF : Math.min(INF, a + b);
        }
    }
}
