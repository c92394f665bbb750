package se.kaa.reporting.board;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static se.kaa.reporting.board.BoardTestData.rec;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import se.kaa.casework.PeriodRecords.PeriodRecord;
import se.kaa.reporting.board.BoardReport.Column;
import se.kaa.reporting.board.BoardReport.Row;
import se.kaa.reporting.board.ChartTable.ChartId;
import se.kaa.reporting.board.ChartTable.ChartRow;
import se.kaa.shared.HalfYear;

/** The charts are well-formed SVG with a title and a text alternative, and never write a hidden value. */
@se.kaa.testsupport.ProcessLane
class SvgChartsTest {

    static final HalfYear H2 = new HalfYear(2026, 2);
    static final SvgCharts CHARTS = new SvgCharts(BoardTestData.RESOLVER);

    /**
     * 2026H2 with hidden cells whose values (3 and 7) no chart shows otherwise: 3 AVBROTT and 7 IM
     * registrations (7 hidden by secondary suppression) and 31 EJ_PABORJAT; a year earlier 40.
     */
    static BoardReport report() {
        return BoardFigures.compute(input());
    }

    static BoardInput input() {
        List<PeriodRecord> now = new ArrayList<>();
        int w = 0;
        for (int i = 0; i < 3; i++) {
            now.add(rec(BoardTestData.woman(w++)).registered(LocalDate.of(2026, 8, 1), "AVBROTT").build());
        }
        for (int i = 0; i < 7; i++) {
            now.add(rec(BoardTestData.woman(w++)).registered(LocalDate.of(2026, 8, 1), "IM").contact(LocalDate.of(2026, 9, 1), "WORK")
                    .firstContact(LocalDate.of(2026, 8, 11)).build());
        }
        for (int i = 0; i < 31; i++) {
            now.add(rec(BoardTestData.man(i)).registered(LocalDate.of(2026, 9, 1), "EJ_PABORJAT").contact(LocalDate.of(2026, 9, 20), "STUDIES_KOMVUX")
                    .firstContact(LocalDate.of(2026, 9, 13)).measure(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1), false, "STUDIES_KOMVUX").build());
        }
        List<PeriodRecord> before = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            before.add(rec(BoardTestData.woman(200 + i)).registered(LocalDate.of(2025, 8, 1), "AVBROTT").contact(LocalDate.of(2025, 9, 1), "WORK").build());
        }
        SortedMap<HalfYear, List<PeriodRecord>> trend = new TreeMap<>(BoardInput.CHRONOLOGICAL);
        trend.put(new HalfYear(2024, 1), before.subList(0, 22));
        trend.put(new HalfYear(2024, 2), before.subList(0, 36));
        trend.put(new HalfYear(2025, 1), before.subList(0, 1));
        trend.put(new HalfYear(2025, 2), before);
        trend.put(new HalfYear(2026, 1), before.subList(0, 25));
        trend.put(H2, now);
        return new BoardInput("Testkommun", H2, now, before, trend, 1200, 1150, 14, LocalDate.of(2027, 1, 20),
                NationalFigures.shipped(), Suppression.DEFAULT);
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(UTF_8)));
    }

    static String texts(Document d) {
        StringBuilder b = new StringBuilder();
        collect(d.getDocumentElement(), b);
        return b.toString();
    }

    private static void collect(Node n, StringBuilder b) {
        if (n.getNodeType() == Node.TEXT_NODE) {
            b.append(n.getNodeValue()).append('\n');
        }
        NodeList children = n.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            collect(children.item(i), b);
        }
    }

    /** The numbers written in a text: "1 234", "12,5", "2026"; not digits inside words ("H1"). */
    static Set<String> numbers(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = Pattern.compile("(?<![\\p{L}\\d,])\\d{1,3}(?:[\\u00a0\\u202f ]\\d{3})*(?:,\\d+)?(?![\\p{L}\\d])").matcher(text);
        while (m.find()) {
            out.add(m.group().replaceAll("[\\u00a0\\u202f ]", ""));
        }
        return out;
    }

    @Test
    void everyChartIsWellFormedSvgWithATitleAndATextAlternative() throws Exception {
        BoardReport r = report();
        Map<ChartId, String> all = CHARTS.all(r);
        assertThat(all).containsOnlyKeys(ChartId.values());
        for (Map.Entry<ChartId, String> e : all.entrySet()) {
            Document d = parse(e.getValue());
            Element svg = d.getDocumentElement();
            String id = SvgCharts.idOf(e.getKey());
            assertThat(svg.getLocalName()).isEqualTo("svg");
            assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
            assertThat(svg.getAttribute("role")).isEqualTo("img");
            assertThat(svg.getAttribute("aria-labelledby")).isEqualTo(id + "-title " + id + "-desc");
            assertThat(svg.getAttribute("viewBox")).startsWith("0 0 720 ");
            assertThat(svg.getAttribute("width")).as("scales by its viewBox").isEmpty();
            Element title = (Element) svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0);
            Element desc = (Element) svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "desc").item(0);
            assertThat(title.getAttribute("id")).isEqualTo(id + "-title");
            assertThat(desc.getAttribute("id")).isEqualTo(id + "-desc");
            assertThat(title.getTextContent()).isNotBlank();
            assertThat(desc.getTextContent()).hasSizeGreaterThan(60);
            assertThat(e.getValue()).doesNotContain("<script", "onload", "reporting.board.");
        }
        assertThat(CHARTS.trend(r)).isEqualTo(all.get(ChartId.TREND));
        assertThat(CHARTS.funnel(r)).isEqualTo(all.get(ChartId.FUNNEL));
        assertThat(CHARTS.stackedByReason(r)).isEqualTo(all.get(ChartId.BY_REASON));
        assertThat(CHARTS.stackedByOccupation(r)).isEqualTo(all.get(ChartId.BY_OCCUPATION));
        assertThat(CHARTS.versusNational(r)).isEqualTo(all.get(ChartId.VERSUS_NATIONAL));
    }

    @Test
    void theTextAlternativeSaysEveryValueInWords() throws Exception {
        BoardReport r = report();
        String trendDesc = desc(CHARTS.trend(r));
        assertThat(trendDesc).contains("jul–dec 2026: 41 unga.", "jul–dec 2025: 40 unga.", "jan–jun 2024: 22 unga.",
                "jan–jun 2025: värdet är dolt för att skydda enskilda.");
        String byReason = desc(CHARTS.stackedByReason(r));
        assertThat(byReason).contains("jul–dec 2026, totalt 41 registreringar.", "Avbrott från nationellt program: dolt",
                "Introduktionsprogram: dolt", "Aldrig börjat i gymnasieskolan: 31 (75,6\u00a0%)", "jul–dec 2025, totalt 40 registreringar.");
        String versus = desc(CHARTS.versusNational(r));
        assertThat(versus).contains("Andel med minst en kontakt: Kommunen 92,7\u00a0%; riket (andra halvåret 2021, ungefärligt) 45,0\u00a0%.");
        assertThat(desc(CHARTS.funnel(r))).contains("I aktivitetsansvaret: 41 unga.");
    }

    @Test
    void noHiddenValueIsWrittenAnywhereInTheCharts() throws Exception {
        BoardReport r = report();
        BoardReport raw = BoardFigures.raw(input());
        Set<String> hidden = new HashSet<>();
        for (Row row : r.rows()) {
            for (Column c : Column.values()) {
                if (row.cell(c) != null && row.cell(c).suppressed()) {
                    Cell value = raw.row(row.id()).cell(c);
                    if (value.count() != null) {
                        hidden.add(String.valueOf(value.count()));
                    }
                }
            }
        }
        assertThat(hidden).as("the report hides 3 and 7").contains("3", "7");
        Set<String> shownNumbers = new HashSet<>();
        for (ChartTable t : r.chartTables()) {
            for (ChartRow row : t.rows()) {
                for (Cell c : row.values()) {
                    if (c.count() != null) {
                        shownNumbers.add(String.valueOf(c.count()));
                    }
                }
            }
        }
        for (String svg : CHARTS.all(r).values()) {
            Set<String> written = numbers(texts(parse(svg)));
            for (String h : hidden) {
                if (!shownNumbers.contains(h) && !h.equals("5") && !h.equals("10")) {
                    assertThat(written).as("hidden value %s in %s", h, svg).doesNotContain(h);
                }
            }
        }
        assertThat(r.row("newRegistrations.IM").current().suppressed()).isTrue();
        assertThat(numbers(texts(parse(CHARTS.stackedByReason(r))))).doesNotContain("7", "3").contains("31", "41", "40");
    }

    @Test
    void randomReportsNeverWriteAHiddenValueBesideItsLabel() throws Exception {
        Random rnd = new Random(7);
        for (int i = 0; i < 60; i++) {
            BoardReport r = BoardFigures.compute(BoardTestData.randomInput(rnd, i % 2 == 0 ? H2 : H2.previous(), 30, Suppression.DEFAULT));
            for (ChartTable t : r.chartTables()) {
                String svg = CHARTS.render(t, "c" + i);
                Document d = parse(svg);
                String text = texts(d);
                for (ChartRow row : t.rows()) {
                    String label = BoardTestData.RESOLVER.apply(row.label().key(), row.label().argsArray());
                    for (Cell c : row.values()) {
                        if (c.suppressed()) {
                            assertThat(text).contains(label);
                        }
                    }
                    Matcher m = Pattern.compile(Pattern.quote(label) + ": (\\S+)").matcher(text);
                    while (m.find()) {
                        if (row.values().stream().allMatch(Cell::suppressed)) {
                            assertThat(m.group(1)).as(svg).matches("(dolt|värdet)\\W*");
                        }
                    }
                }
            }
        }
    }

    @Test
    void textIsEscaped() throws Exception {
        SvgCharts odd = new SvgCharts((key, args) -> key.endsWith(".title") ? "<Unga & \"vuxna\"> 'x'\u0001" : BoardTestData.RESOLVER.apply(key, args));
        String svg = odd.trend(report());
        assertThat(svg).contains("&lt;Unga &amp; &quot;vuxna&quot;&gt; &apos;x&apos;");
        Document d = parse(svg);
        assertThat(d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent()).isEqualTo("<Unga & \"vuxna\"> 'x'");
    }

    @Test
    void pluralsAreSwedish() {
        assertThat(BoardTestData.RESOLVER.apply("reporting.board.value.youngPeople", new Object[] {1L})).isEqualTo("1 ung person");
        assertThat(BoardTestData.RESOLVER.apply("reporting.board.value.youngPeople", new Object[] {2L})).isEqualTo("2 unga");
        assertThat(BoardTestData.RESOLVER.apply("reporting.board.value.youngPeople", new Object[] {1234L})).isEqualTo("1\u00a0234 unga");
        assertThat(BoardTestData.RESOLVER.apply("reporting.board.value.days", new Object[] {1L})).isEqualTo("1 dag");
        assertThat(BoardTestData.RESOLVER.apply("reporting.board.value.days", new Object[] {2L})).isEqualTo("2 dagar");
        assertThat(BoardTestData.RESOLVER.apply("reporting.board.value.percent", new Object[] {12.5})).isEqualTo("12,5\u00a0%");
        assertThat(BoardTestData.RESOLVER.apply("reporting.board.note.overdue", new Object[] {1L, "2026-07-15"})).contains("inom 1 dag,");
        assertThat(BoardTestData.RESOLVER.apply("reporting.board.halfYear", new Object[] {"2026", 2})).isEqualTo("jul–dec 2026");
    }

    @Test
    void coloursContrastWithWhite() {
        for (String colour : SvgCharts.PALETTE) {
            assertThat(contrast(colour, "#ffffff")).as(colour).isGreaterThanOrEqualTo(4.5);
        }
        assertThat(contrast(SvgCharts.NATIONAL, "#ffffff")).isGreaterThanOrEqualTo(4.5);
        assertThat(contrast(SvgCharts.TEXT, "#ffffff")).isGreaterThanOrEqualTo(7);
        assertThat(contrast(SvgCharts.HATCH, "#ffffff")).isGreaterThanOrEqualTo(3);
        assertThat(contrast("#ffffff", "#ffffff")).isEqualTo(1.0);
        assertThat(contrast("#000000", "#ffffff")).isEqualTo(21.0);
    }

    private static String desc(String svg) throws Exception {
        return parse(svg).getElementsByTagNameNS("http://www.w3.org/2000/svg", "desc").item(0).getTextContent();
    }

    /** WCAG 2 contrast ratio. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return Math.round((Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05) * 100) / 100.0;
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
