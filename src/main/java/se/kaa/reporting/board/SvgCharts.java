package se.kaa.reporting.board;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

import se.kaa.reporting.board.BoardReport.Note;
import se.kaa.reporting.board.ChartTable.ChartId;
import se.kaa.reporting.board.ChartTable.ChartRow;

/**
 * The board report's charts as SVG 1.1 text, rendered on the server (no JavaScript) so the page and the
 * PDF show the same. Each chart is {@code <svg role="img" aria-labelledby="{id}-title {id}-desc">} with a
 * {@code <title>} and a {@code <desc>} that says every value in words (hidden ones as hidden). Values are
 * written on or beside their bars, never told by colour alone; every colour has at least 4.5:1 contrast
 * against white (so white text on it is readable too), and bars and segments are separated by white gaps.
 * There is no width or height: the SVG scales to its container by its viewBox ({@value #WIDTH} wide),
 * e.g. {@code svg.kaa-chart { width: 100%; max-width: 48rem; height: auto }}.
 *
 * <p>All text comes from {@code messages} (key, arguments → Swedish text; a MessageSource's
 * {@code getMessage(key, args, locale)}), and is XML-escaped here.
 */
public final class SvgCharts {

    public static final int WIDTH = 720;

    /** Fill colours of bars and segments; each ≥ 4.5:1 against white. */
    static final List<String> PALETTE = List.of("#1f4e79", "#8a3b00", "#2d6a2e", "#6a2c91", "#6b5300", "#a0264f", "#37474f");
    /** The national bars. */
    static final String NATIONAL = "#595959";
    static final String TEXT = "#1a1a1a";
    static final String HATCH = "#595959";

    private static final int FONT = 15;
    private static final int SMALL = 14;
    private static final int MARGIN = 16;

    private final BiFunction<String, Object[], String> messages;

    public SvgCharts(BiFunction<String, Object[], String> messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    public String trend(BoardReport r) {
        return render(r.chartTable(ChartId.TREND), idOf(ChartId.TREND));
    }

    public String funnel(BoardReport r) {
        return render(r.chartTable(ChartId.FUNNEL), idOf(ChartId.FUNNEL));
    }

    public String stackedByReason(BoardReport r) {
        return render(r.chartTable(ChartId.BY_REASON), idOf(ChartId.BY_REASON));
    }

    public String stackedByOccupation(BoardReport r) {
        return render(r.chartTable(ChartId.BY_OCCUPATION), idOf(ChartId.BY_OCCUPATION));
    }

    public String versusNational(BoardReport r) {
        return render(r.chartTable(ChartId.VERSUS_NATIONAL), idOf(ChartId.VERSUS_NATIONAL));
    }

    /** Every chart, in the order of {@link ChartId}. */
    public Map<ChartId, String> all(BoardReport r) {
        Map<ChartId, String> charts = new LinkedHashMap<>();
        for (ChartTable t : r.chartTables()) {
            charts.put(t.id(), render(t, idOf(t.id())));
        }
        return charts;
    }

    /** The element id a chart uses (its title and desc are {@code id-title}, {@code id-desc}). */
    public static String idOf(ChartId id) {
        return "kaa-board-" + id.slug();
    }

    /**
     * One chart from its table; {@code id} must be unique on the page (pass another one to show the
     * same chart twice, e.g. of two municipalities).
     */
    public String render(ChartTable t, String id) {
        if (id == null || !id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("An element id is a letter followed by letters, digits, - or _");
        }
        return switch (t.id()) {
            case TREND -> columns(t, id);
            case FUNNEL -> funnelBars(t, id);
            case BY_REASON, BY_OCCUPATION -> stacked(t, id);
            case VERSUS_NATIONAL -> paired(t, id);
        };
    }

    // ---- the charts

    private String columns(ChartTable t, String id) {
        int height = t.note() == null ? 310 : 350;
        Svg svg = new Svg(id, height, msg(t.titleKey()), describe(t));
        svg.heading(msg(t.titleKey()));
        int top = 70;
        int plot = 190;
        int slot = (WIDTH - 2 * MARGIN) / Math.max(1, t.rows().size());
        long max = Math.max(1, t.rows().stream().map(r -> r.values().get(0)).filter(c -> !c.suppressed() && c.count() != null)
                .mapToLong(Cell::count).max().orElse(1));
        int baseline = top + plot;
        for (int i = 0; i < t.rows().size(); i++) {
            ChartRow row = t.rows().get(i);
            Cell c = row.values().get(0);
            int cx = MARGIN + slot * i + slot / 2;
            int barWidth = Math.min(64, slot - 20);
            if (c.suppressed() || c.count() == null) {
                svg.text(cx, baseline - 8, "middle", FONT, false, true, shortValue(c));
            } else {
                int h = (int) Math.round((double) c.count() / max * plot);
                svg.rect(cx - barWidth / 2, baseline - h, barWidth, h, PALETTE.get(0));
                svg.text(cx, baseline - h - 8, "middle", FONT, true, false, msg("reporting.board.chart.number", c.count()));
            }
            svg.text(cx, baseline + 24, "middle", SMALL, false, false, msg(row.label()));
        }
        svg.line(MARGIN, baseline, WIDTH - MARGIN, baseline);
        if (t.note() != null) {
            svg.paragraph(MARGIN, baseline + 56, SMALL, msg(t.note()));
        }
        return svg.end();
    }

    private String funnelBars(ChartTable t, String id) {
        int rowHeight = 58;
        int top = 64;
        int height = top + rowHeight * t.rows().size() + 50;
        Svg svg = new Svg(id, height, msg(t.titleKey()), describe(t));
        svg.heading(msg(t.titleKey()));
        Cell first = t.rows().get(0).values().get(0);
        long max = first.count() != null ? first.count() : t.rows().stream().map(r -> r.values().get(0))
                .filter(c -> c.count() != null).mapToLong(Cell::count).max().orElse(1);
        max = Math.max(1, max);
        int barMax = 480;
        for (int i = 0; i < t.rows().size(); i++) {
            ChartRow row = t.rows().get(i);
            Cell c = row.values().get(0);
            int y = top + i * rowHeight;
            svg.text(MARGIN, y + 14, "start", FONT, true, false, msg(row.label()));
            if (c.suppressed() || c.count() == null) {
                svg.text(MARGIN, y + 40, "start", FONT, false, true, shortValue(c));
            } else {
                int w = (int) Math.round((double) c.count() / max * barMax);
                if (c.count() > 0) {
                    svg.rect(MARGIN, y + 22, Math.max(2, w), 26, PALETTE.get(0));
                }
                svg.text(MARGIN + Math.max(2, w) + 8, y + 41, "start", FONT, false, false, msg("reporting.board.value.youngPeople", c.count()));
            }
        }
        if (t.note() != null) {
            svg.paragraph(MARGIN, height - 34, SMALL, msg(t.note()));
        }
        return svg.end();
    }

    private String stacked(ChartTable t, String id) {
        int legendLine = 22;
        int columnsOfLegend = 1;
        int legendRows = (t.rows().size() + columnsOfLegend - 1) / columnsOfLegend;
        int block = 30 + 34 + (legendRows + 1) * legendLine + 24;
        int top = 60;
        int height = top + block * t.series().size() + 10;
        Svg svg = new Svg(id, height, msg(t.titleKey()), describe(t));
        svg.heading(msg(t.titleKey()));
        svg.hatchPattern();
        long max = 1;
        for (Cell total : t.totals()) {
            if (total != null && !total.suppressed() && total.count() != null) {
                max = Math.max(max, total.count());
            }
        }
        int barMax = WIDTH - 2 * MARGIN;
        int legendWidth = barMax / columnsOfLegend;
        for (int s = 0; s < t.series().size(); s++) {
            int y = top + s * block;
            Cell total = t.totals().get(s);
            svg.text(MARGIN, y + 16, "start", FONT, true, false,
                    msg("reporting.board.chart.stacked.bar", msg(t.series().get(s)), totalWords(t.id(), total)));
            int x = MARGIN;
            int barY = y + 26;
            long rest = 0;
            if (total != null && !total.suppressed() && total.count() != null && total.count() > 0) {
                long shownSum = 0;
                for (int i = 0; i < t.rows().size(); i++) {
                    Cell c = t.rows().get(i).values().get(s);
                    if (c.suppressed() || c.count() == null || c.count() == 0) {
                        continue;
                    }
                    shownSum += c.count();
                    int w = (int) Math.round((double) c.count() / max * barMax);
                    svg.rect(x, barY, Math.max(1, w - 2), 28, PALETTE.get(i % PALETTE.size()));
                    if (w >= 26) {
                        svg.text(x + (w - 2) / 2.0, barY + 19, "middle", SMALL, true, false, "#ffffff", marker(i));
                    }
                    x += w;
                }
                rest = total.count() - shownSum;
                if (rest > 0) {
                    // the hidden parts together: their sum follows from the shown total anyway, so it is drawn, but not written
                    int w = (int) Math.round((double) rest / max * barMax);
                    svg.hatched(x, barY, Math.max(4, w - 2), 28);
                }
            }
            int ly = barY + 28 + 24;
            for (int i = 0; i < t.rows().size(); i++) {
                ChartRow row = t.rows().get(i);
                Cell c = row.values().get(s);
                int lx = MARGIN + (i / legendRows) * legendWidth;
                int lyy = ly + (i % legendRows) * legendLine;
                svg.rect(lx, lyy - 13, 18, 18, PALETTE.get(i % PALETTE.size()));
                svg.text(lx + 9, lyy + 1, "middle", 12, true, false, "#ffffff", marker(i));
                svg.text(lx + 24, lyy, "start", SMALL, false, false,
                        msg("reporting.board.chart.stacked.legend", marker(i), msg(row.label()), partWords(t.id(), c)));
            }
            if (rest > 0) {
                int lyy = ly + legendRows * legendLine;
                svg.hatched(MARGIN, lyy - 13, 18, 18);
                svg.text(MARGIN + 24, lyy, "start", SMALL, false, true, msg("reporting.board.chart.stacked.hiddenTogether"));
            }
        }
        return svg.end();
    }

    private String paired(ChartTable t, String id) {
        int rowHeight = 92;
        int top = 64;
        boolean empty = t.rows().isEmpty();
        int height = top + (empty ? 40 : rowHeight * t.rows().size()) + 10;
        Svg svg = new Svg(id, height, msg(t.titleKey()), describe(t));
        svg.heading(msg(t.titleKey()));
        if (empty) {
            svg.text(MARGIN, top + 16, "start", FONT, false, true, msg("reporting.board.chart.versusNational.none"));
            return svg.end();
        }
        int barMax = 280;
        for (int i = 0; i < t.rows().size(); i++) {
            ChartRow row = t.rows().get(i);
            int y = top + i * rowHeight;
            svg.text(MARGIN, y + 14, "start", FONT, true, false, msg(row.label()));
            for (int s = 0; s < 2; s++) {
                Cell c = row.values().get(s);
                int by = y + 24 + s * 30;
                String who = s == 0 ? msg(t.series().get(0)) : msg("reporting.board.chart.versusNational.nationalWhen", msg(t.series().get(1)), notesText(row.notes()));
                String value = c.suppressed() || c.percent() == null ? shortValue(c) : msg("reporting.board.value.percent", c.percent());
                int x = MARGIN;
                if (!c.suppressed() && c.percent() != null) {
                    int w = (int) Math.round(Math.min(100, c.percent()) / 100 * barMax);
                    if (w > 0) {
                        svg.rect(x, by, w, 24, s == 0 ? PALETTE.get(0) : NATIONAL);
                    }
                    x += w;
                }
                svg.text(x + 8, by + 17, "start", SMALL, s == 0, c.suppressed() || c.percent() == null,
                        msg("reporting.board.chart.versusNational.bar", who, value));
            }
        }
        return svg.end();
    }

    // ---- words

    /** The text alternative: the chart's data, every value in words. */
    private String describe(ChartTable t) {
        List<String> parts = new ArrayList<>();
        parts.add(msg(t.titleKey().replace(".title", ".desc")));
        switch (t.id()) {
            case TREND, FUNNEL -> {
                for (ChartRow row : t.rows()) {
                    parts.add(msg("reporting.board.chart.desc.item", msg(row.label()), valueWords(row.values().get(0))));
                }
            }
            case BY_REASON, BY_OCCUPATION -> {
                for (int s = 0; s < t.series().size(); s++) {
                    List<String> items = new ArrayList<>();
                    for (ChartRow row : t.rows()) {
                        items.add(msg("reporting.board.chart.desc.part", msg(row.label()), partWords(t.id(), row.values().get(s))));
                    }
                    parts.add(msg("reporting.board.chart.desc.stack", msg(t.series().get(s)), totalWords(t.id(), t.totals().get(s)),
                            String.join("; ", items)));
                }
            }
            case VERSUS_NATIONAL -> {
                if (t.rows().isEmpty()) {
                    parts.add(msg("reporting.board.chart.versusNational.none"));
                }
                for (ChartRow row : t.rows()) {
                    Cell own = row.values().get(0);
                    Cell nat = row.values().get(1);
                    parts.add(msg("reporting.board.chart.desc.versus", msg(row.label()),
                            msg(t.series().get(0)), percentWords(own), percentWords(nat), notesText(row.notes())));
                }
            }
        }
        if (t.note() != null) {
            parts.add(msg(t.note()));
        }
        return String.join(" ", parts);
    }

    private String notesText(List<Note> notes) {
        List<String> texts = notes.stream().map(this::msg).toList();
        return String.join(", ", texts);
    }

    /** "12 unga", or why there is no value. */
    private String valueWords(Cell c) {
        if (c.suppressed()) {
            return msg("reporting.board.chart.desc.hidden");
        }
        if (c.count() == null) {
            return msg(c.note() == null ? Cell.NO_DATA : c.note());
        }
        return msg("reporting.board.value.youngPeople", c.count());
    }

    private String percentWords(Cell c) {
        if (c.suppressed()) {
            return msg("reporting.board.chart.desc.hidden");
        }
        if (c.percent() == null) {
            return msg(c.note() == null ? Cell.NO_DATA : c.note());
        }
        return msg("reporting.board.value.percent", c.percent());
    }

    private String partWords(ChartId chart, Cell c) {
        if (c.suppressed() || c.count() == null) {
            return c.suppressed() ? msg("reporting.board.chart.hidden") : msg(c.note() == null ? Cell.NO_DATA : c.note());
        }
        return c.percent() == null ? msg("reporting.board.chart.number", c.count())
                : msg("reporting.board.chart.numberPercent", c.count(), c.percent());
    }

    private String totalWords(ChartId chart, Cell c) {
        if (c == null) {
            return msg(Cell.NO_DATA);
        }
        if (c.suppressed()) {
            return msg("reporting.board.chart.hidden");
        }
        if (c.count() == null) {
            return msg(c.note() == null ? Cell.NO_DATA : c.note());
        }
        return msg(chart == ChartId.BY_REASON ? "reporting.board.value.registrations" : "reporting.board.value.youngPeople", c.count());
    }

    /** A segment's letter (A, B, …): letters, so that no marker is read as a value. */
    static String marker(int i) {
        return String.valueOf((char) ('A' + i % 26));
    }

    /** A short value for on a chart: "dolt", "saknas". */
    private String shortValue(Cell c) {
        return c.suppressed() ? msg("reporting.board.chart.hidden") : msg(c.note() == null ? Cell.NO_DATA : c.note());
    }

    private String msg(Note n) {
        return msg(n.key(), n.argsArray());
    }

    private String msg(String key, Object... args) {
        String text = messages.apply(key, args);
        return text == null ? key : text;
    }

    // ---- SVG writing

    /** Escapes text for XML content and attributes, and drops characters XML 1.0 cannot hold. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF
                            || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF;
                    if (allowed) {
                        b.appendCodePoint(cp);
                    }
                }
            }
        });
        return b.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static final class Svg {
        private final StringBuilder b = new StringBuilder();
        private final String id;

        Svg(String id, int height, String title, String desc) {
            this.id = id;
            b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" class=\"kaa-chart\" id=\"").append(id)
                    .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\" viewBox=\"0 0 ")
                    .append(WIDTH).append(' ').append(height).append("\" preserveAspectRatio=\"xMinYMin meet\"")
                    .append(" font-family=\"Arial, Helvetica, sans-serif\">\n");
            b.append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>\n");
            b.append("<desc id=\"").append(id).append("-desc\">").append(escape(desc)).append("</desc>\n");
            b.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height).append("\" fill=\"#ffffff\"/>\n");
        }

        void heading(String text) {
            text(MARGIN, 28, "start", 18, true, false, text);
        }

        void hatchPattern() {
            b.append("<defs><pattern id=\"").append(id).append("-hatch\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\">")
                    .append("<path d=\"M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4\" stroke=\"").append(HATCH).append("\" stroke-width=\"1.5\"/>")
                    .append("</pattern></defs>\n");
        }

        void hatched(int x, int y, int w, int h) {
            b.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"").append(h)
                    .append("\" fill=\"url(#").append(id).append("-hatch)\" stroke=\"").append(HATCH).append("\" stroke-width=\"1\"/>\n");
        }

        void rect(int x, int y, int w, int h, String fill) {
            b.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"").append(h)
                    .append("\" fill=\"").append(fill).append("\"/>\n");
        }

        void line(int x1, int y1, int x2, int y2) {
            b.append("<line x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2).append("\" y2=\"").append(y2)
                    .append("\" stroke=\"").append(TEXT).append("\" stroke-width=\"1\"/>\n");
        }

        void text(double x, double y, String anchor, int size, boolean bold, boolean italic, String text) {
            text(x, y, anchor, size, bold, italic, TEXT, text);
        }

        void text(double x, double y, String anchor, int size, boolean bold, boolean italic, String fill, String text) {
            b.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-size=\"").append(size)
                    .append("\" text-anchor=\"").append(anchor).append("\" fill=\"").append(fill).append('"');
            if (bold) {
                b.append(" font-weight=\"bold\"");
            }
            if (italic) {
                b.append(" font-style=\"italic\"");
            }
            b.append('>').append(escape(text)).append("</text>\n");
        }

        /** Italic text wrapped to the chart's width, at most two lines. */
        void paragraph(int x, int y, int size, String text) {
            int perLine = (int) ((WIDTH - 2 * MARGIN) / (0.56 * size));
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > perLine) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            lines.add(line.toString());
            for (int i = 0; i < lines.size(); i++) {
                text(x, y + i * (size + 4), "start", size, false, true, lines.get(i));
            }
        }

        String end() {
            return b.append("</svg>\n").toString();
        }
    }
}
