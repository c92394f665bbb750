package se.kaa.reporting.board;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

import se.kaa.shared.HalfYear;

/**
 * The board report of one municipality and half-year, already suppressed ({@link Suppression}):
 * aggregates only, every text a message key with its arguments. Built by {@link BoardFigures#compute};
 * rendered by a page, a JSON API, a PDF and {@link SvgCharts}.
 *
 * @param wholePeriod       on an H2 report the calendar year (the previous H1 and this H2), in every
 *                          row's {@code wholePeriod} column; null on an H1 report
 * @param ongoing           {@code asOf} is before the half-year's last day: the figures so far, compared
 *                          with the whole same half-year a year earlier (so counts have no trend arrow)
 * @param trend             young people in KAA in the six half-years up to and including {@code period}
 * @param breakdowns        every place where cells add up to a shown total (what suppression protects)
 * @param baseLinks         every cell whose base is another cell's count
 * @param notes             notes for the whole report (key + arguments), in the order to show them
 */
public record BoardReport(String municipality, HalfYear period, HalfYear yearBeforePeriod, WholePeriod wholePeriod,
                          LocalDate asOf, boolean ongoing, int firstContactTargetDays, Suppression suppression,
                          List<Section> sections, List<TrendPoint> trend, List<Breakdown> breakdowns,
                          List<BaseLink> baseLinks, NationalSource national, List<Note> notes) {

    public BoardReport {
        Objects.requireNonNull(period, "period");
        sections = List.copyOf(sections);
        trend = List.copyOf(trend);
        breakdowns = List.copyOf(breakdowns);
        baseLinks = List.copyOf(baseLinks);
        notes = List.copyOf(notes);
    }

    /** How a row's cells are read and suppressed. */
    public enum RowKind {
        /** A count of young people; its percentage (of a total, or of the population) is extra. */
        COUNT,
        /** A share of young people: the percentage is the figure, the count its numerator. */
        SHARE,
        /** A median number of days ({@code count}) over {@code base} young people. */
        MEDIAN_DAYS
    }

    /** The columns of the headline table. */
    public enum Column {
        CURRENT, YEAR_BEFORE, WHOLE_PERIOD, WOMEN, MEN
    }

    /** A message key with its arguments (numbers as numbers, years as text). */
    public record Note(String key, List<Object> args) {
        public Note {
            Objects.requireNonNull(key, "key");
            args = args == null ? List.of() : List.copyOf(args);
        }

        public static Note of(String key, Object... args) {
            return new Note(key, List.of(args));
        }

        /** The arguments as the array a MessageSource takes. */
        public Object[] argsArray() {
            return args.toArray();
        }
    }

    /** The previous H1 and this H2 (a calendar year), union of persons. */
    public record WholePeriod(HalfYear first, HalfYear last) {
    }

    /** Where the national figures come from: the data file's version and source text (Swedish, from the file). */
    public record NationalSource(int version, String source) {
    }

    /** One headline item (REPORTING.md 1–8) with its rows. */
    public record Section(String id, String titleKey, List<Row> rows) {
        public Section {
            rows = List.copyOf(rows);
        }
    }

    /**
     * A row of the headline table. {@code level} 0 is a headline figure, 1 a part of the breakdown
     * above it. {@code women} and {@code men} are null where the row has no split by sex; in a
     * {@link RowKind#COUNT} row their percentage is of the row's count, in a {@link RowKind#SHARE}
     * row it is the share among women (men). {@code wholePeriod} is null on an H1 report.
     * {@code trend} is null when either side is suppressed or missing, and for counts while the
     * half-year is ongoing. {@code national} are the national figures beside the row, each saying
     * which year it is; {@code note} (nullable) explains the row, e.g. its denominator.
     */
    public record Row(String id, String labelKey, RowKind kind, int level, Cell current, Cell yearBefore,
                      Cell wholePeriod, Trend trend, Cell women, Cell men, List<NationalValue> national, Note note) {
        public Row {
            national = national == null ? List.of() : List.copyOf(national);
        }

        /** The cell of a column; null where the row has none. */
        public Cell cell(Column column) {
            return switch (column) {
                case CURRENT -> current;
                case YEAR_BEFORE -> yearBefore;
                case WHOLE_PERIOD -> wholePeriod;
                case WOMEN -> women;
                case MEN -> men;
            };
        }

        Row withCells(BiFunction<Column, Cell, Cell> f, boolean ongoing) {
            Cell c = current == null ? null : f.apply(Column.CURRENT, current);
            Cell y = yearBefore == null ? null : f.apply(Column.YEAR_BEFORE, yearBefore);
            Cell w = wholePeriod == null ? null : f.apply(Column.WHOLE_PERIOD, wholePeriod);
            Cell wo = women == null ? null : f.apply(Column.WOMEN, women);
            Cell m = men == null ? null : f.apply(Column.MEN, men);
            Trend t = ongoing && kind == RowKind.COUNT ? null : Trend.between(kind, c, y);
            return new Row(id, labelKey, kind, level, c, y, w, t, wo, m, national, note);
        }
    }

    /** Young people in KAA in one half-year. */
    public record TrendPoint(HalfYear halfYear, Cell youngPeople) {
    }

    /** A cell of the headline table. */
    public record CellRef(String rowId, Column column) {
    }

    /** {@code total} is the sum of {@code parts} (counts; in a share row, the numerators). */
    public record Breakdown(String id, CellRef total, List<CellRef> parts) {
        public Breakdown {
            parts = List.copyOf(parts);
        }
    }

    /** The base of {@code cell}'s percentage is the count of {@code base}. */
    public record BaseLink(CellRef cell, CellRef base) {
    }

    /** A row by id, or null. */
    public Row row(String id) {
        for (Section s : sections) {
            for (Row r : s.rows()) {
                if (r.id().equals(id)) {
                    return r;
                }
            }
        }
        return null;
    }

    /** Every row, in order. */
    public List<Row> rows() {
        List<Row> all = new ArrayList<>();
        sections.forEach(s -> all.addAll(s.rows()));
        return all;
    }

    /** The cell a reference names, or null. */
    public Cell cell(CellRef ref) {
        Row r = row(ref.rowId());
        return r == null ? null : r.cell(ref.column());
    }

    /** True on an H2 report, which has the whole-period column. */
    public boolean hasWholePeriod() {
        return wholePeriod != null;
    }

    /** Each chart's data as a small table, for the PDF (tables instead of images) and the text alternatives. */
    public List<ChartTable> chartTables() {
        return ChartTable.all(this);
    }

    /** One chart's data. */
    public ChartTable chartTable(ChartTable.ChartId id) {
        return ChartTable.of(this, id);
    }

    /** This report with every cell mapped, the given trend, suppression and notes added after the existing ones. */
    BoardReport rebuilt(BiFunction<CellRef, Cell, Cell> f, List<TrendPoint> newTrend, Suppression s, List<Note> moreNotes) {
        List<Section> mapped = new ArrayList<>();
        for (Section section : sections) {
            List<Row> rows = new ArrayList<>();
            for (Row r : section.rows()) {
                rows.add(r.withCells((column, cell) -> f.apply(new CellRef(r.id(), column), cell), ongoing));
            }
            mapped.add(new Section(section.id(), section.titleKey(), rows));
        }
        List<Note> allNotes = new ArrayList<>(notes);
        allNotes.addAll(moreNotes);
        return new BoardReport(municipality, period, yearBeforePeriod, wholePeriod, asOf, ongoing,
                firstContactTargetDays, s, mapped, newTrend, breakdowns, baseLinks, national, allNotes);
    }
}
