package se.kaa.reporting.board;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import se.kaa.reporting.board.BoardReport.Note;
import se.kaa.reporting.board.BoardReport.Row;
import se.kaa.reporting.board.BoardReport.TrendPoint;
import se.kaa.reporting.board.NationalFigures.Figure;
import se.kaa.reporting.board.NationalFigures.Unit;

/**
 * One chart's data as a small table (rows × series), taken from the suppressed report, so the page's
 * SVG, the PDF's table and the text alternative show the same values. A hidden value is a suppressed
 * {@link Cell}; {@code totals} (one per series, nullable) are the stacked bars' totals.
 *
 * @param note a note under the table (key + arguments), or null
 */
public record ChartTable(ChartId id, String titleKey, List<Note> series, List<ChartRow> rows, List<Cell> totals, Note note) {

    public ChartTable {
        series = List.copyOf(series);
        rows = List.copyOf(rows);
        totals = totals == null ? null : List.copyOf(totals);
    }

    public enum ChartId {
        /** Young people in KAA over six half-years. */
        TREND("trend"),
        /** In KAA → contacted → occupation known → in a measure → deregistered to studies. */
        FUNNEL("funnel"),
        /** New registrations by reason: this half-year and the same half-year a year earlier. */
        BY_REASON("byReason"),
        /** Occupation after an ended measure: this half-year and a year earlier. */
        BY_OCCUPATION("byOccupation"),
        /** The municipality's shares against the national ones, where a national figure exists. */
        VERSUS_NATIONAL("versusNational");

        private final String slug;

        ChartId(String slug) {
            this.slug = slug;
        }

        /** For element ids and file names: "trend", "byReason", … */
        public String slug() {
            return slug;
        }

        public String titleKey() {
            return "reporting.board.chart." + slug + ".title";
        }
    }

    /** A row of the table: its label (key + arguments), one value per series and notes (keys + arguments) to show beside it. */
    public record ChartRow(Note label, List<Cell> values, List<Note> notes) {
        public ChartRow {
            values = List.copyOf(values);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }
    }

    static List<ChartTable> all(BoardReport r) {
        return Arrays.stream(ChartId.values()).map(id -> of(r, id)).toList();
    }

    static ChartTable of(BoardReport r, ChartId id) {
        return switch (id) {
            case TREND -> trend(r);
            case FUNNEL -> funnel(r);
            case BY_REASON -> stacked(r, id, BoardFigures.NEW_REGISTRATIONS);
            case BY_OCCUPATION -> stacked(r, id, BoardFigures.AFTER_MEASURE);
            case VERSUS_NATIONAL -> versusNational(r);
        };
    }

    static Note halfYear(se.kaa.shared.HalfYear h) {
        return Note.of("reporting.board.halfYear", String.valueOf(h.year()), h.half());
    }

    private static ChartTable trend(BoardReport r) {
        List<ChartRow> rows = new ArrayList<>();
        for (TrendPoint p : r.trend()) {
            rows.add(new ChartRow(halfYear(p.halfYear()), List.of(p.youngPeople()), List.of()));
        }
        return new ChartTable(ChartId.TREND, ChartId.TREND.titleKey(), List.of(Note.of("reporting.board.chart.series.youngPeople")),
                rows, null, r.ongoing() ? Note.of("reporting.board.chart.trend.ongoing", r.asOf().toString()) : null);
    }

    private static ChartTable funnel(BoardReport r) {
        List<ChartRow> rows = new ArrayList<>();
        for (String id : List.of(BoardFigures.IN_KAA, BoardFigures.CONTACT, BoardFigures.OCCUPATION_KNOWN,
                BoardFigures.MEASURE, BoardFigures.TO_STUDIES_ROW)) {
            Cell c = r.row(id).current();
            // the funnel shows counts; a share's percentage is in the table and in the comparison with riket
            Cell count = c.suppressed() || c.count() == null ? c : Cell.count(c.count());
            rows.add(new ChartRow(Note.of("reporting.board.chart.funnel." + id), List.of(count), List.of()));
        }
        return new ChartTable(ChartId.FUNNEL, ChartId.FUNNEL.titleKey(), List.of(halfYear(r.period())), rows, null,
                Note.of("reporting.board.chart.funnel.note"));
    }

    private static ChartTable stacked(BoardReport r, ChartId id, String totalId) {
        List<ChartRow> rows = new ArrayList<>();
        for (Row row : r.rows()) {
            if (row.level() == 1 && row.id().startsWith(totalId + ".")) {
                rows.add(new ChartRow(Note.of(row.labelKey()), List.of(row.current(), row.yearBefore()), List.of()));
            }
        }
        Row total = r.row(totalId);
        return new ChartTable(id, id.titleKey(), List.of(halfYear(r.period()), halfYear(r.yearBeforePeriod())), rows,
                List.of(total.current(), total.yearBefore()), null);
    }

    private static ChartTable versusNational(BoardReport r) {
        List<ChartRow> rows = new ArrayList<>();
        for (Row row : r.rows()) {
            for (NationalValue v : row.national()) {
                if (v.figure().unit() != Unit.PERCENT) {
                    continue;
                }
                Cell own = v.figure() == Figure.WOMEN ? row.women() : row.current();
                Cell kommun = own == null ? Cell.missing(Cell.NO_DATA)
                        : own.suppressed() ? own
                        : own.percent() == null ? Cell.missing(own.note() == null ? Cell.NO_BASE : own.note())
                        : new Cell(null, own.percent(), own.base(), false, null);
                List<Note> notes = v.approximate() ? List.of(v.periodNote(), Note.of("reporting.board.national.approximate"))
                        : List.of(v.periodNote());
                rows.add(new ChartRow(Note.of(v.figure().labelKey()), List.of(kommun, v.asCell()), notes));
            }
        }
        return new ChartTable(ChartId.VERSUS_NATIONAL, ChartId.VERSUS_NATIONAL.titleKey(),
                List.of(Note.of("reporting.board.chart.series.municipality", r.municipality()), Note.of("reporting.board.chart.series.national")),
                rows, null, null);
    }
}
