package se.kaa.reporting.board;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.core.JsonToken;

import se.kaa.reporting.spec.JsonTree;
import se.kaa.reporting.spec.JsonTree.Arr;
import se.kaa.reporting.spec.JsonTree.Member;
import se.kaa.reporting.spec.JsonTree.Node;
import se.kaa.reporting.spec.JsonTree.Obj;
import se.kaa.reporting.spec.JsonTree.Val;
import se.kaa.shared.HalfYear;

/**
 * Skolverket's national figures to put beside a municipality's, read from a small versioned data file
 * ({@link #SHIPPED}; format in docs/board-report.md). New figures are published every year: a new file
 * version, not new code. Reading reports every problem at once, each with its line and a Swedish message.
 */
public final class NationalFigures {

    /** The file shipped with the application. */
    public static final String SHIPPED = "/reporting/national/riket-1.json";

    public enum Unit {
        COUNT, PERCENT
    }

    /** The figures the board report can show a national value for; {@code id} is the name in the file. */
    public enum Figure {
        /** Young people in KAA during the period. */
        YOUNG_PEOPLE("youngPeople", Unit.COUNT),
        /** Young people in KAA as a share of folkbokförda 16–19. */
        YOUNG_PEOPLE_SHARE("youngPeopleShare", Unit.PERCENT),
        /** Women's share of the young people in KAA. */
        WOMEN("women", Unit.PERCENT),
        CONTACT("contact", Unit.PERCENT),
        OCCUPATION_KNOWN("occupationKnown", Unit.PERCENT),
        MEASURE("measure", Unit.PERCENT),
        /** Of those deregistered, the share who began or completed an education. */
        DEREGISTERED_TO_STUDIES("deregisteredToStudies", Unit.PERCENT),
        AFTER_MEASURE_STUDIES("afterMeasureStudies", Unit.PERCENT),
        AFTER_MEASURE_WORK("afterMeasureWork", Unit.PERCENT),
        AFTER_MEASURE_UNKNOWN("afterMeasureUnknown", Unit.PERCENT),
        AFTER_MEASURE_OTHER("afterMeasureOther", Unit.PERCENT);

        private final String id;
        private final Unit unit;

        Figure(String id, Unit unit) {
            this.id = id;
            this.unit = unit;
        }

        public String id() {
            return id;
        }

        public Unit unit() {
            return unit;
        }

        /** The figure's Swedish name, e.g. "Andel med minst en kontakt". */
        public String labelKey() {
            return "reporting.board.national.figure." + id;
        }

        static Figure byId(String id) {
            for (Figure f : values()) {
                if (f.id.equals(id)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** What a figure's period is: a calendar half-year ("2021H2"), a school year = H2 + the following H1 ("2022/23"), or not stated. */
    public enum PeriodKind {
        HALF_YEAR, SCHOOL_YEAR, UNDATED
    }

    /** One figure of the file, with the line it is written on. */
    public record Entry(Figure figure, PeriodKind kind, String period, double value, boolean approximate, String note, int line) {

        /** The last half-year the figure covers: the half-year itself, or the H1 that ends a school year; null when undated. */
        public HalfYear end() {
            return switch (kind) {
                case HALF_YEAR -> HalfYear.parse(period);
                case SCHOOL_YEAR -> new HalfYear(Integer.parseInt(period.substring(0, 4)) + 1, 1);
                case UNDATED -> null;
            };
        }

        NationalValue toValue() {
            return new NationalValue(figure, kind, period, value, approximate, note);
        }
    }

    /**
     * @param line    1-based line of the faulty value (or of the object missing a field)
     * @param field   the field's path, e.g. {@code figures[3].value} (positions count from 1)
     * @param message Swedish: which field, what is wrong and what is expected
     */
    public record Problem(int line, String field, String message) implements Serializable {
    }

    /** Everything wrong with a national figures file, in line order. */
    public static final class Problems extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<Problem> problems;

        public Problems(List<Problem> problems) {
            super("Filen med riksstatistik har " + problems.size() + " fel.");
            this.problems = problems.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private final int version;
    private final int versionLine;
    private final String source;
    private final List<Entry> entries;

    private NationalFigures(int version, int versionLine, String source, List<Entry> entries) {
        this.version = version;
        this.versionLine = versionLine;
        this.source = source;
        this.entries = List.copyOf(entries);
    }

    /** No national figures (a municipality that does not want them beside its own). */
    public static NationalFigures none() {
        return new NationalFigures(0, 1, "", List.of());
    }

    public int version() {
        return version;
    }

    /** The line the file's {@code version} is written on, for a problem with it. */
    public int versionLine() {
        return versionLine;
    }

    /** Where the figures come from, in Swedish, as written in the file. */
    public String source() {
        return source;
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * The national value of {@code figure} to put beside a municipality's figure of the half-year
     * {@code period}: the figure of that half-year, or else of the nearest earlier half-year; without a
     * half-year figure the nearest school year ending on or before {@code period}; without that an
     * undated figure. A half-year is preferred to a school year because the board report's figures are
     * of a half-year (a school year's population is the union of two and so larger).
     */
    public Optional<NationalValue> lookup(Figure figure, HalfYear period) {
        Comparator<HalfYear> byTime = Comparator.comparingInt(HalfYear::year).thenComparingInt(HalfYear::half);
        for (PeriodKind kind : List.of(PeriodKind.HALF_YEAR, PeriodKind.SCHOOL_YEAR)) {
            Optional<Entry> best = entries.stream()
                    .filter(e -> e.figure() == figure && e.kind() == kind && byTime.compare(e.end(), period) <= 0)
                    .max(Comparator.comparing(Entry::end, byTime));
            if (best.isPresent()) {
                return best.map(Entry::toValue);
            }
        }
        return entries.stream().filter(e -> e.figure() == figure && e.kind() == PeriodKind.UNDATED)
                .findFirst().map(Entry::toValue);
    }

    /** The shipped file ({@link #SHIPPED}). */
    public static NationalFigures shipped() {
        try (InputStream in = NationalFigures.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + SHIPPED);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Problems e) {
            throw new IllegalStateException("The shipped national figures " + SHIPPED + " are invalid: " + e.problems(), e);
        }
    }

    /** Reads a national figures file (JSON, UTF-8); throws {@link Problems} listing every problem found. */
    public static NationalFigures parse(byte[] json) throws Problems {
        if (json == null || json.length == 0) {
            throw new Problems(List.of(new Problem(1, "", "Filen är tom. Den ska innehålla riksstatistik i JSON-format.")));
        }
        Node root;
        try {
            root = JsonTree.read(json);
        } catch (JsonTree.SyntaxError e) {
            throw new Problems(List.of(new Problem(e.line, "", switch (e.getMessage()) {
                case "empty" -> "Filen innehåller ingen JSON. Den ska innehålla riksstatistik i JSON-format.";
                case "encoding" -> "Filen är inte sparad som UTF-8: tecknet på rad " + e.line + ", tecken " + e.column
                        + " går inte att läsa. Spara filen med teckenkodningen UTF-8 och försök igen.";
                case "trailing" -> "Det finns text efter filens avslutande } på rad " + e.line + ", tecken " + e.column
                        + ". Filen ska innehålla ett enda JSON-objekt.";
                default -> "Filen är inte giltig JSON: fel på rad " + e.line + ", tecken " + e.column
                        + ". Kontrollera kommatecken, citattecken och klamrar där eller strax före.";
            })));
        }
        Reader reader = new Reader();
        NationalFigures figures = reader.read(root);
        if (!reader.problems.isEmpty()) {
            throw new Problems(reader.problems);
        }
        return figures;
    }

    private static final class Reader {
        final List<Problem> problems = new ArrayList<>();

        void problem(int line, String field, String message) {
            problems.add(new Problem(line, field, message));
        }

        NationalFigures read(Node root) {
            if (!(root instanceof Obj top)) {
                problem(root.line(), "", "Filen ska innehålla ett JSON-objekt { … } med fälten \"version\", \"source\" och \"figures\", men innehåller "
                        + JsonTree.describe(root) + ".");
                return null;
            }
            checkFields(top, "", Set.of("version", "source", "figures"));
            Integer version = null;
            int versionLine = top.line();
            Member v = required(top, "", "version");
            if (v != null) {
                versionLine = v.value().line();
                if (v.value() instanceof Val val && val.token() == JsonToken.VALUE_NUMBER_INT && positiveInt(val.text())) {
                    version = Integer.parseInt(val.text());
                } else {
                    problem(v.value().line(), "version", "Fältet \"version\" ska vara ett positivt heltal, t.ex. 2, men är "
                            + JsonTree.describe(v.value()) + ".");
                }
            }
            String source = null;
            Member s = required(top, "", "source");
            if (s != null) {
                source = text(s, "source");
            }
            List<Entry> entries = new ArrayList<>();
            Member f = required(top, "", "figures");
            if (f != null) {
                if (f.value() instanceof Arr arr) {
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i < arr.items().size(); i++) {
                        Entry e = entry(arr.items().get(i), "figures[" + (i + 1) + "]");
                        if (e != null) {
                            String key = e.figure().id() + " " + e.kind() + " " + e.period();
                            if (!seen.add(key)) {
                                problem(e.line(), "figures[" + (i + 1) + "]", "Fältet \"figures[" + (i + 1) + "]\": talet \""
                                        + e.figure().id() + "\" för " + periodWords(e) + " står redan tidigare i filen. Ange varje tal och period en gång.");
                            } else {
                                entries.add(e);
                            }
                        }
                    }
                } else {
                    problem(f.value().line(), "figures", "Fältet \"figures\" ska vara en lista [ … ] med tal, men är "
                            + JsonTree.describe(f.value()) + ".");
                }
            }
            return version == null || source == null ? null : new NationalFigures(version, versionLine, source, entries);
        }

        private static String periodWords(Entry e) {
            return switch (e.kind()) {
                case HALF_YEAR -> "halvåret " + e.period();
                case SCHOOL_YEAR -> "läsåret " + e.period();
                case UNDATED -> "utan år";
            };
        }

        Entry entry(Node node, String path) {
            if (!(node instanceof Obj o)) {
                problem(node.line(), path, "Fältet \"" + path + "\" ska vara ett objekt med \"figure\", en period och \"value\", men är "
                        + JsonTree.describe(node) + ".");
                return null;
            }
            checkFields(o, path, Set.of("figure", "halfYear", "schoolYear", "undated", "value", "approximate", "note"));
            boolean ok = true;
            Figure figure = null;
            Member fm = required(o, path, "figure");
            if (fm != null) {
                String id = text(fm, path + ".figure");
                if (id != null) {
                    figure = Figure.byId(id);
                    if (figure == null) {
                        problem(fm.value().line(), path + ".figure", "Fältet \"" + path + ".figure\": \"" + JsonTree.abbreviate(id)
                                + "\" är inget känt tal. Kända tal: " + Arrays.stream(Figure.values()).map(Figure::id)
                                .collect(Collectors.joining(", ")) + ".");
                    }
                }
            }
            ok &= figure != null;
            PeriodKind kind = null;
            String period = null;
            List<String> given = new ArrayList<>();
            Member hm = o.members().get("halfYear");
            Member sm = o.members().get("schoolYear");
            Member um = o.members().get("undated");
            if (hm != null) {
                given.add("halfYear");
                String t = text(hm, path + ".halfYear");
                if (t != null) {
                    if (t.matches("(19|20)[0-9]{2}H[12]")) {
                        kind = PeriodKind.HALF_YEAR;
                        period = t;
                    } else {
                        problem(hm.value().line(), path + ".halfYear", "Fältet \"" + path + ".halfYear\": \"" + JsonTree.abbreviate(t)
                                + "\" är inget halvår. Skriv året och H1 (januari–juni) eller H2 (juli–december), t.ex. \"2022H2\".");
                    }
                }
            }
            if (sm != null) {
                given.add("schoolYear");
                String t = text(sm, path + ".schoolYear");
                if (t != null) {
                    if (t.matches("(19|20)[0-9]{2}/[0-9]{2}")
                            && (Integer.parseInt(t.substring(0, 4)) + 1) % 100 == Integer.parseInt(t.substring(5))) {
                        kind = PeriodKind.SCHOOL_YEAR;
                        period = t;
                    } else {
                        problem(sm.value().line(), path + ".schoolYear", "Fältet \"" + path + ".schoolYear\": \"" + JsonTree.abbreviate(t)
                                + "\" är inget läsår. Skriv det som \"2022/23\" (andra halvåret 2022 och första halvåret 2023).");
                    }
                }
            }
            if (um != null) {
                given.add("undated");
                if (um.value() instanceof Val val && val.token() == JsonToken.VALUE_TRUE) {
                    kind = PeriodKind.UNDATED;
                } else {
                    problem(um.value().line(), path + ".undated", "Fältet \"" + path + ".undated\" ska vara true (när källan inte anger år), men är "
                            + JsonTree.describe(um.value()) + ". Ta bort fältet om talet har ett halvår eller läsår.");
                }
            }
            if (given.isEmpty()) {
                problem(o.line(), path, "Talet i \"" + path + "\" saknar period. Ange \"halfYear\" (t.ex. \"2022H2\"), \"schoolYear\" (t.ex. \"2022/23\") eller \"undated\": true.");
                ok = false;
            } else if (given.size() > 1) {
                problem(o.line(), path, "Talet i \"" + path + "\" har flera perioder (" + String.join(", ", given)
                        + "). Ange en av \"halfYear\", \"schoolYear\" och \"undated\".");
                ok = false;
            }
            ok &= kind != null;
            Double value = null;
            Member vm = required(o, path, "value");
            if (vm != null) {
                value = value(vm, path + ".value", figure);
            }
            ok &= value != null;
            boolean approximate = false;
            Member am = o.members().get("approximate");
            if (am != null) {
                if (am.value() instanceof Val val && (val.token() == JsonToken.VALUE_TRUE || val.token() == JsonToken.VALUE_FALSE)) {
                    approximate = val.token() == JsonToken.VALUE_TRUE;
                } else {
                    problem(am.value().line(), path + ".approximate", "Fältet \"" + path + ".approximate\" ska vara true eller false (utan citattecken), men är "
                            + JsonTree.describe(am.value()) + ".");
                    ok = false;
                }
            }
            String note = null;
            Member nm = o.members().get("note");
            if (nm != null) {
                note = text(nm, path + ".note");
                ok &= note != null;
            }
            return ok ? new Entry(figure, kind, period, value, approximate, note, o.line()) : null;
        }

        private Double value(Member m, String path, Figure figure) {
            if (!(m.value() instanceof Val val) || (val.token() != JsonToken.VALUE_NUMBER_INT && val.token() != JsonToken.VALUE_NUMBER_FLOAT)) {
                problem(m.value().line(), path, "Fältet \"" + path + "\" ska vara ett tal (utan citattecken), t.ex. 45 eller 12.5, men är "
                        + JsonTree.describe(m.value()) + ".");
                return null;
            }
            BigDecimal number = new BigDecimal(val.text());
            if (figure == null) {
                return number.doubleValue();
            }
            if (figure.unit() == Unit.COUNT) {
                if (val.token() != JsonToken.VALUE_NUMBER_INT || number.signum() < 0) {
                    problem(val.line(), path, "Fältet \"" + path + "\" är " + JsonTree.abbreviate(val.text()) + ", men \"" + figure.id()
                            + "\" är ett antal unga och ska vara ett heltal 0 eller större, utan tusentalsavgränsare, t.ex. 50300.");
                    return null;
                }
            } else if (number.signum() < 0 || number.compareTo(BigDecimal.valueOf(100)) > 0) {
                problem(val.line(), path, "Fältet \"" + path + "\" är " + JsonTree.abbreviate(val.text()) + ", men \"" + figure.id()
                        + "\" är en andel i procent och ska vara från 0 till 100, med punkt som decimaltecken, t.ex. 12.5.");
                return null;
            }
            return number.doubleValue();
        }

        private Member required(Obj o, String path, String name) {
            Member m = o.members().get(name);
            if (m == null) {
                String where = path.isEmpty() ? "Filen" : "Objektet \"" + path + "\"";
                problem(o.line(), path.isEmpty() ? name : path + "." + name, where + " saknar fältet \"" + name + "\". " + hint(name));
            }
            return m;
        }

        private static String hint(String name) {
            return switch (name) {
                case "version" -> "Ange filens version som ett heltal, t.ex. \"version\": 2.";
                case "source" -> "Ange varifrån talen kommer, t.ex. \"source\": \"Skolverket, Kommunernas aktivitetsansvar\".";
                case "figures" -> "Ange talen som en lista, \"figures\": [ … ].";
                case "figure" -> "Ange vilket tal det är, t.ex. \"figure\": \"contact\".";
                case "value" -> "Ange talet, t.ex. \"value\": 45.";
                default -> "";
            };
        }

        private String text(Member m, String path) {
            if (m.value() instanceof Val val && val.token() == JsonToken.VALUE_STRING) {
                if (val.text().isBlank()) {
                    problem(val.line(), path, "Fältet \"" + path + "\" är tomt. Skriv en text mellan citattecknen.");
                    return null;
                }
                return val.text().strip();
            }
            problem(m.value().line(), path, "Fältet \"" + path + "\" ska vara en text inom citattecken, men är " + JsonTree.describe(m.value()) + ".");
            return null;
        }

        private void checkFields(Obj o, String path, Set<String> known) {
            for (Map.Entry<String, Member> e : o.members().entrySet()) {
                if (!known.contains(e.getKey())) {
                    String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                    problem(e.getValue().line(), field, "Fältet \"" + JsonTree.abbreviate(field) + "\" är okänt. Kända fält här: "
                            + known.stream().sorted().collect(Collectors.joining(", ")) + ". Kontrollera stavningen.");
                }
            }
            for (Member d : o.duplicates()) {
                String field = path.isEmpty() ? d.name() : path + "." + d.name();
                problem(d.line(), field, "Fältet \"" + JsonTree.abbreviate(field) + "\" står två gånger i samma objekt. Ta bort det ena.");
            }
        }

        private static boolean positiveInt(String text) {
            try {
                return Integer.parseInt(text) > 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
