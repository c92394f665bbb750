package se.kaa.reporting.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import se.kaa.reporting.spec.JsonTree.Arr;
import se.kaa.reporting.spec.JsonTree.Member;
import se.kaa.reporting.spec.JsonTree.Node;
import se.kaa.reporting.spec.JsonTree.Obj;
import se.kaa.reporting.spec.JsonTree.Val;
import se.kaa.reporting.spec.SpecProblems.Problem;

/**
 * Reads spec files (the format is in docs/reporting-spec.md). A spec is uploaded by an
 * administrator, so reading it reports every problem at once, each with its line and a Swedish
 * message naming the field, what is wrong and what is expected; unknown fields are problems too,
 * so that a misspelt field never passes silently.
 */
public final class ReturnSpecs {

    /** The classpath resource of the spec shipped with the application. */
    public static final String SHIPPED = "/reporting/scb/kaa-provisional-1.json";

    /** The placeholders a {@code fileNamePattern} may hold. */
    public static final List<String> FILE_NAME_PLACEHOLDERS = List.of("municipality", "period", "version", "specVersion");

    /** The name of the sheet the xlsx writer adds to a provisional return, so the spec's sheet may not use it. */
    static final String ABOUT_SHEET = "Om filen";

    /** The largest repeat group accepted; SCB's templates repeat a handful of times, never hundreds. */
    static final int MAX_REPEAT = 99;

    static final String N = "{n}";

    private static final int UNKNOWN_MAX = -1;

    private static final List<String> TOP = List.of("id", "version", "provisional", "title", "appliesFrom", "appliesTo",
            "columns", "codeLists", "checks", "output", "suggestedMappings");
    private static final List<String> COLUMN = List.of("name", "label", "concept", "type", "length", "mandatory", "codeList");
    private static final List<String> MEMBER = List.of("namePattern", "labelPattern", "concept", "type", "length",
            "mandatory", "codeList");
    private static final List<String> REPEAT = List.of("max", "columns");
    private static final List<String> CODE_LIST = List.of("label", "codes");
    private static final List<String> CODE = List.of("code", "label", "validFrom", "validTo");
    private static final List<String> CHECK = List.of("id", "kind", "column", "other", "values", "severity", "message");
    private static final List<String> OUTPUT = List.of("sheetName", "delimiter", "charset", "headerRow", "fileNamePattern");

    /** The column types a concept's facts can be written as; the service relies on them. */
    private static final Map<String, Set<Column.Type>> CONCEPT_TYPES = Map.ofEntries(
            Map.entry(Concepts.MUNICIPALITY, Set.of(Column.Type.MUNICIPALITY)),
            Map.entry(Concepts.PERIOD, Set.of(Column.Type.PERIOD)),
            Map.entry(Concepts.PERSONNUMMER, Set.of(Column.Type.PERSONNUMMER)),
            Map.entry(Concepts.FIRST_REGISTERED, Set.of(Column.Type.DATE)),
            Map.entry(Concepts.REGISTERED, Set.of(Column.Type.DATE)),
            Map.entry(Concepts.REASON, Set.of(Column.Type.CODE)),
            Map.entry(Concepts.CONTACT_DURING_PERIOD, Set.of(Column.Type.YES_NO)),
            Map.entry(Concepts.OCCUPATION_AT_LATEST_CONTACT, Set.of(Column.Type.CODE)),
            Map.entry(Concepts.EXITED, Set.of(Column.Type.DATE)),
            Map.entry(Concepts.EXIT_REASON, Set.of(Column.Type.CODE)),
            Map.entry(Concepts.MEASURE_TYPE, Set.of(Column.Type.CODE)),
            Map.entry(Concepts.MEASURE_START, Set.of(Column.Type.DATE)),
            Map.entry(Concepts.MEASURE_END, Set.of(Column.Type.DATE)),
            Map.entry(Concepts.MEASURE_DECLINED, Set.of(Column.Type.YES_NO)),
            Map.entry(Concepts.MEASURE_OCCUPATION_AFTER, Set.of(Column.Type.CODE)));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern FILE_NAME_LITERAL = Pattern.compile("[A-Za-z0-9_.-]*");
    private static final String SHEET_NAME_FORBIDDEN = "[]:*?/\\";

    private ReturnSpecs() {
    }

    /**
     * Parses a spec file (JSON). Throws SpecProblems listing every problem found (not just the
     * first), each with its line (1-based) and a Swedish message saying which field, what was
     * wrong and what is expected.
     */
    public static ReturnSpec parse(byte[] json) throws SpecProblems {
        if (json == null || json.length == 0) {
            throw new SpecProblems(List.of(new Problem(1, "", "Filen är tom. Den ska innehålla en specifikation i JSON-format.")));
        }
        Node root;
        try {
            root = JsonTree.read(json);
        } catch (JsonTree.SyntaxError e) {
            throw new SpecProblems(List.of(new Problem(e.line, "", switch (e.getMessage()) {
                case "empty" -> "Filen innehåller ingen JSON. Den ska innehålla en specifikation i JSON-format.";
                case "encoding" -> "Filen är inte sparad som UTF-8: tecknet på rad " + e.line + ", tecken " + e.column
                        + " går inte att läsa. Spara filen med teckenkodningen UTF-8 och ladda upp den igen.";
                case "trailing" -> "Det finns text efter specifikationens avslutande } på rad " + e.line + ", tecken "
                        + e.column + ". Filen ska innehålla ett enda JSON-objekt.";
                default -> "Filen är inte giltig JSON: fel på rad " + e.line + ", tecken " + e.column
                        + ". Kontrollera kommatecken, citattecken och klamrar där eller strax före.";
            })));
        }
        Reader reader = new Reader();
        ReturnSpec spec = reader.spec(root);
        if (!reader.problems.isEmpty() || spec == null) {
            throw new SpecProblems(reader.problems);
        }
        return spec;
    }

    /** The provisional spec shipped with the application ({@link #SHIPPED}). */
    public static ReturnSpec shipped() {
        try (InputStream in = ReturnSpecs.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + SHIPPED);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SpecProblems e) {
            throw new IllegalStateException("The shipped spec " + SHIPPED + " is invalid: " + e.problems(), e);
        }
    }

    /**
     * A column as read, with where it was written, for problems found after expansion; {@code
     * column} is null when the definition has problems of its own, but its name still counts.
     */
    private record Placed(Column column, String name, String concept, Integer index, int line, String path) {

        static Placed of(Definition d, Integer index, int line, String path) {
            String number = index == null ? null : index.toString();
            String name = d.name() == null ? null : index == null ? d.name() : d.name().replace(N, number);
            Column column = d.complete() ? new Column(name, index == null ? d.label() : d.label().replace(N, number),
                    d.concept(), index, d.type(), d.length(), d.mandatory(), d.codeList()) : null;
            return new Placed(column, name, d.concept(), index, line, path);
        }
    }

    /** One column definition, before a repeat group is expanded. */
    private record Definition(String name, String label, String concept, Column.Type type, Integer length,
                              boolean mandatory, String codeList) {

        boolean complete() {
            return name != null && label != null && type != null;
        }
    }

    private static final class Reader {

        final List<Problem> problems = new ArrayList<>();
        /** namePattern of a repeat member -> the group's max ({@link #UNKNOWN_MAX} when that is wrong). */
        final Map<String, Integer> patternMax = new HashMap<>();

        ReturnSpec spec(Node root) {
            if (!(root instanceof Obj top)) {
                problem(root.line(), "", "Filen ska innehålla ett JSON-objekt { … } med specifikationens fält, men innehåller "
                        + describe(root) + ".");
                return null;
            }
            onlyKnown(top, "", TOP);
            String id = text(top, "", "id", true);
            String version = version(top);
            Boolean provisional = bool(top, "", "provisional", true);
            String title = text(top, "", "title", true);
            LocalDate appliesFrom = date(top, "", "appliesFrom", true);
            LocalDate appliesTo = date(top, "", "appliesTo", false);
            if (appliesFrom != null && appliesTo != null && appliesTo.isBefore(appliesFrom)) {
                problem(top.member("appliesTo").value().line(), "appliesTo", "Fältet \"appliesTo\" (" + appliesTo
                        + ") är före \"appliesFrom\" (" + appliesFrom + "). Ange ett datum på eller efter " + appliesFrom
                        + ", eller null om specifikationen gäller tills vidare.");
            }
            Map<String, CodeList> codeLists = codeLists(top);
            List<Placed> columns = columns(top, codeLists);
            List<Check> checks = checks(top, columns, codeLists);
            Output output = output(top);
            Map<String, Map<String, String>> mappings = mappings(top, codeLists);
            if (!problems.isEmpty() || id == null || version == null || provisional == null || title == null
                    || appliesFrom == null || output == null) {
                return null;
            }
            if (columns.stream().anyMatch(p -> p.column() == null)) {
                return null; // every incomplete column has a problem; this is a safety net
            }
            return new ReturnSpec(id, version, provisional, title, appliesFrom, appliesTo,
                    columns.stream().map(Placed::column).toList(), codeLists, checks, output, mappings);
        }

        // ---- code lists

        Map<String, CodeList> codeLists(Obj top) {
            Map<String, CodeList> lists = new LinkedHashMap<>();
            Obj all = object(top, "", "codeLists", false, "ett objekt där varje fält är en kodlistas namn");
            if (all == null) {
                return lists;
            }
            reportDuplicates(all, "codeLists");
            for (Member m : all.members().values()) {
                String path = "codeLists." + m.name();
                if (m.name().isBlank()) {
                    problem(m.line(), path, "En kodlista i \"codeLists\" har ett tomt namn. Ge den ett namn, t.ex. \"orsak\".");
                    continue;
                }
                if (!(m.value() instanceof Obj list)) {
                    problem(m.value().line(), path, "Fältet \"" + path + "\" ska vara ett objekt med \"label\" och \"codes\", men är "
                            + describe(m.value()) + ".");
                    continue;
                }
                onlyKnown(list, path, CODE_LIST);
                String label = text(list, path, "label", true);
                List<CodeList.Code> codes = new ArrayList<>();
                Arr items = array(list, path, "codes", true, "en lista med koder");
                if (items != null && items.items().isEmpty()) {
                    problem(items.line(), path + ".codes", "Fältet \"" + path + ".codes\" är en tom lista. En kodlista ska ha minst en kod.");
                }
                Set<String> seen = new HashSet<>();
                for (int i = 0; items != null && i < items.items().size(); i++) {
                    String codePath = path + ".codes[" + (i + 1) + "]";
                    Node item = items.items().get(i);
                    if (!(item instanceof Obj code)) {
                        problem(item.line(), codePath, "Fältet \"" + codePath + "\" ska vara ett objekt med \"code\" och \"label\", men är "
                                + describe(item) + ".");
                        continue;
                    }
                    onlyKnown(code, codePath, CODE);
                    String value = text(code, codePath, "code", true);
                    String codeLabel = text(code, codePath, "label", true);
                    LocalDate from = date(code, codePath, "validFrom", false);
                    LocalDate to = date(code, codePath, "validTo", false);
                    if (from != null && to != null && to.isBefore(from)) {
                        problem(code.member("validTo").value().line(), codePath + ".validTo", "Fältet \"" + codePath
                                + ".validTo\" (" + to + ") är före \"validFrom\" (" + from + "). Ange ett datum på eller efter " + from + ".");
                    }
                    if (value != null && !seen.add(value)) {
                        problem(code.member("code").value().line(), codePath + ".code", "Koden \"" + value
                                + "\" förekommer mer än en gång i kodlistan \"" + m.name() + "\". Varje kod ska finnas en gång.");
                    }
                    if (value != null) {
                        codes.add(new CodeList.Code(value, codeLabel, from, to));
                    }
                }
                lists.put(m.name(), new CodeList(m.name(), label, codes));
            }
            return lists;
        }

        // ---- columns

        List<Placed> columns(Obj top, Map<String, CodeList> codeLists) {
            List<Placed> placed = new ArrayList<>();
            Arr items = array(top, "", "columns", true, "en lista med kolumner och upprepade grupper");
            if (items == null) {
                return placed;
            }
            if (items.items().isEmpty()) {
                problem(items.line(), "columns", "Fältet \"columns\" är en tom lista. Specifikationen ska ha minst en kolumn.");
            }
            for (int i = 0; i < items.items().size(); i++) {
                String path = "columns[" + (i + 1) + "]";
                Node item = items.items().get(i);
                if (!(item instanceof Obj o)) {
                    problem(item.line(), path, "Fältet \"" + path + "\" ska vara ett objekt (en kolumn eller {\"repeat\": …}), men är "
                            + describe(item) + ".");
                    continue;
                }
                if (o.member("repeat") != null) {
                    onlyKnown(o, path, List.of("repeat"));
                    repeat(o.member("repeat").value(), path + ".repeat", codeLists, placed);
                } else {
                    onlyKnown(o, path, COLUMN);
                    placed.add(Placed.of(definition(o, path, false, codeLists), null, lineOf(o, "name"), path + ".name"));
                }
            }
            Set<String> names = new HashSet<>();
            Set<String> concepts = new HashSet<>();
            for (Placed p : placed) {
                boolean repeated = p.index() != null;
                if (p.name() != null && !names.add(p.name())) {
                    problem(p.line(), p.path(), "Kolumnnamnet \"" + p.name() + "\" förekommer mer än en gång"
                            + (repeated ? " (efter att den upprepade gruppen har räknats ut)" : "")
                            + ". Varje kolumn ska ha ett eget namn.");
                }
                if (p.concept() != null && !concepts.add(p.concept() + "#" + p.index())) {
                    problem(p.line(), p.path().replaceFirst("\\.name(Pattern)?$", ".concept"), "Begreppet \"" + p.concept() + "\" fyller redan en annan kolumn"
                            + (repeated ? " med nummer " + p.index() : "") + ". Ett begrepp får fylla en kolumn"
                            + (repeated ? " per nummer i en upprepad grupp." : "."));
                }
            }
            return placed;
        }

        void repeat(Node node, String path, Map<String, CodeList> codeLists, List<Placed> placed) {
            if (!(node instanceof Obj repeat)) {
                problem(node.line(), path, "Fältet \"" + path + "\" ska vara ett objekt med \"max\" och \"columns\", men är "
                        + describe(node) + ".");
                return;
            }
            onlyKnown(repeat, path, REPEAT);
            Integer max = integer(repeat, path, "max", true);
            if (max != null && (max < 1 || max > MAX_REPEAT)) {
                problem(repeat.member("max").value().line(), path + ".max", "Fältet \"" + path + ".max\" är " + max
                        + ", men ska vara ett heltal från 1 till " + MAX_REPEAT + " (hur många gånger gruppen upprepas).");
                max = null;
            }
            Arr members = array(repeat, path, "columns", true, "en lista med gruppens kolumner");
            if (members != null && members.items().isEmpty()) {
                problem(members.line(), path + ".columns", "Fältet \"" + path + ".columns\" är en tom lista. En upprepad grupp ska ha minst en kolumn.");
            }
            List<Definition> definitions = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            for (int i = 0; members != null && i < members.items().size(); i++) {
                String memberPath = path + ".columns[" + (i + 1) + "]";
                Node item = members.items().get(i);
                if (!(item instanceof Obj o)) {
                    problem(item.line(), memberPath, "Fältet \"" + memberPath + "\" ska vara ett objekt (en kolumn i gruppen), men är "
                            + describe(item) + ".");
                    continue;
                }
                onlyKnown(o, memberPath, MEMBER);
                definitions.add(definition(o, memberPath, true, codeLists));
                lines.add(lineOf(o, "namePattern"));
                paths.add(memberPath + ".namePattern");
            }
            for (Definition d : definitions) {
                if (d.name() != null) {
                    patternMax.put(d.name(), max == null ? UNKNOWN_MAX : max);
                }
            }
            if (max == null) {
                return;
            }
            for (int n = 1; n <= max; n++) {
                for (int i = 0; i < definitions.size(); i++) {
                    placed.add(Placed.of(definitions.get(i), n, lines.get(i), paths.get(i)));
                }
            }
        }

        Definition definition(Obj o, String path, boolean member, Map<String, CodeList> codeLists) {
            String nameField = member ? "namePattern" : "name";
            String labelField = member ? "labelPattern" : "label";
            String name = text(o, path, nameField, true);
            String label = text(o, path, labelField, true);
            if (name != null && (name.strip().length() != name.length() || name.chars().anyMatch(Character::isISOControl))) {
                problem(lineOf(o, nameField), path + "." + nameField, "Fältet \"" + path + "." + nameField
                        + "\" får inte börja eller sluta med mellanslag eller innehålla radbrytningar eller tabbar.");
            }
            if (member) {
                if (name != null && !name.contains(N)) {
                    problem(lineOf(o, nameField), path + "." + nameField, "Fältet \"" + path + ".namePattern\" (\"" + name
                            + "\") saknar {n}. Mönstret ska innehålla {n} där gruppens nummer ska stå, t.ex. \"atgard{n}_typ\".");
                    name = null;
                }
                if (label != null && !label.contains(N)) {
                    problem(lineOf(o, labelField), path + "." + labelField, "Fältet \"" + path + ".labelPattern\" (\"" + label
                            + "\") saknar {n}. Mönstret ska innehålla {n} där gruppens nummer ska stå, t.ex. \"Åtgärd {n}: typ\".");
                }
            } else if (name != null && name.contains(N)) {
                problem(lineOf(o, nameField), path + ".name", "Fältet \"" + path + ".name\" innehåller {n}, men kolumnen ingår inte i "
                        + "en upprepad grupp. Lägg den i {\"repeat\": {\"max\": …, \"columns\": […]}} eller ta bort {n}.");
            }
            String concept = text(o, path, "concept", false);
            Column.Type type = oneOf(o, path, "type", Column.Type.class, true);
            Integer length = integer(o, path, "length", false);
            if (length != null && length < 1) {
                problem(lineOf(o, "length"), path + ".length", "Fältet \"" + path + ".length\" är " + length
                        + ", men ska vara ett positivt heltal (högsta antal tecken) eller utelämnas.");
            }
            Boolean mandatory = bool(o, path, "mandatory", false);
            String codeList = text(o, path, "codeList", false);
            if (concept != null) {
                if (!Concepts.known(concept)) {
                    problem(lineOf(o, "concept"), path + ".concept", "Fältet \"" + path + ".concept\": \"" + concept
                            + "\" är inget känt begrepp. Kända begrepp: " + String.join(", ", Concepts.ALL) + ".");
                    concept = null;
                } else if (member && !Concepts.perMeasure(concept)) {
                    problem(lineOf(o, "concept"), path + ".concept", "Fältet \"" + path + ".concept\": \"" + concept
                            + "\" gäller hela posten och kan inte ingå i en upprepad grupp. I en grupp används begreppen "
                            + Concepts.ALL.stream().filter(Concepts::perMeasure).collect(Collectors.joining(", ")) + ".");
                } else if (!member && Concepts.perMeasure(concept)) {
                    problem(lineOf(o, "concept"), path + ".concept", "Fältet \"" + path + ".concept\": \"" + concept
                            + "\" gäller en åtgärd och ska ligga i en upprepad grupp ({\"repeat\": …}), en kolumn per åtgärd.");
                } else if (type != null && !CONCEPT_TYPES.get(concept).contains(type)) {
                    problem(lineOf(o, "type"), path + ".type", "Fältet \"" + path + ".type\" är " + type + ", men begreppet \""
                            + concept + "\" skrivs som " + CONCEPT_TYPES.get(concept).iterator().next() + ".");
                }
            }
            if (type == Column.Type.CODE && codeList == null && o.member("codeList") == null) {
                problem(o.line(), path + ".codeList", "Fältet \"" + path + ".codeList\" saknas. En kolumn av typen CODE ska ange "
                        + "vilken kodlista under \"codeLists\" koderna kommer från.");
            }
            if (codeList != null) {
                if (type != null && type != Column.Type.CODE && type != Column.Type.YES_NO) {
                    problem(lineOf(o, "codeList"), path + ".codeList", "Fältet \"" + path + ".codeList\" får bara anges för "
                            + "kolumner av typen CODE eller YES_NO, men kolumnen har typen " + type + ".");
                } else if (!codeLists.containsKey(codeList)) {
                    problem(lineOf(o, "codeList"), path + ".codeList", "Fältet \"" + path + ".codeList\": kodlistan \"" + codeList
                            + "\" finns inte under \"codeLists\"." + known(codeLists.keySet(), " Kända kodlistor: "));
                }
            }
            return new Definition(name, label, concept, type, length, Boolean.TRUE.equals(mandatory), codeList);
        }

        // ---- checks

        List<Check> checks(Obj top, List<Placed> columns, Map<String, CodeList> codeLists) {
            List<Check> checks = new ArrayList<>();
            Arr items = array(top, "", "checks", false, "en lista med kontroller");
            if (items == null) {
                return checks;
            }
            Map<String, Column> byName = new HashMap<>();
            Set<String> names = new HashSet<>();
            for (Placed p : columns) {
                if (p.column() != null) {
                    byName.putIfAbsent(p.name(), p.column());
                }
                if (p.name() != null) {
                    names.add(p.name());
                }
            }
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < items.items().size(); i++) {
                String path = "checks[" + (i + 1) + "]";
                Node item = items.items().get(i);
                if (!(item instanceof Obj o)) {
                    problem(item.line(), path, "Fältet \"" + path + "\" ska vara ett objekt (en kontroll), men är " + describe(item) + ".");
                    continue;
                }
                onlyKnown(o, path, CHECK);
                String id = text(o, path, "id", true);
                Check.Kind kind = oneOf(o, path, "kind", Check.Kind.class, true);
                String column = text(o, path, "column", true);
                String other = text(o, path, "other", false);
                List<String> values = strings(o, path, "values");
                Check.Severity severity = oneOf(o, path, "severity", Check.Severity.class, true);
                String message = text(o, path, "message", true);
                if (kind != null) {
                    kindFields(o, path, kind, other, values);
                }
                Integer columnMax = reference(o, path, "column", column, names);
                Integer otherMax = other == null ? Integer.valueOf(0) : reference(o, path, "other", other, names);
                if (columnMax == null || otherMax == null) {
                    continue;
                }
                if (columnMax > 0 && otherMax > 0 && !columnMax.equals(otherMax)) {
                    problem(lineOf(o, "other"), path + ".other", "Fälten \"" + path + ".column\" och \"other\" hör till upprepade "
                            + "grupper med olika max (" + columnMax + " och " + otherMax + "), så {n} kan inte betyda samma sak i båda.");
                    continue;
                }
                int max = Math.max(columnMax, otherMax);
                if (id == null || kind == null || severity == null || message == null) {
                    continue;
                }
                for (int n = max == 0 ? 0 : 1; n <= max; n++) {
                    String number = Integer.toString(n);
                    Check check = new Check(n == 0 ? id : id.contains(N) ? id.replace(N, number) : id + "-" + number, kind,
                            n == 0 ? column : column.replace(N, number), other == null ? null : n == 0 ? other : other.replace(N, number),
                            values, severity, n == 0 ? message : message.replace(N, number));
                    if (ids.putIfAbsent(check.id(), i) != null) {
                        problem(lineOf(o, "id"), path + ".id", "Kontrollens id \"" + check.id() + "\" används redan av en annan "
                                + "kontroll. Varje kontroll ska ha ett eget id.");
                        break;
                    }
                    if (n <= 1 && !typesFit(o, path, check, byName, codeLists)) {
                        break;
                    }
                    checks.add(check);
                }
            }
            return checks;
        }

        /** The problems of fields a kind requires or forbids. */
        void kindFields(Obj o, String path, Check.Kind kind, String other, List<String> values) {
            if (kind.needsOther() && other == null) {
                problem(o.line(), path + ".other", "Fältet \"" + path + ".other\" saknas. En kontroll av typen " + kind
                        + " jämför med en annan kolumn; ange dess namn i \"other\".");
            }
            if ((kind == Check.Kind.WITHIN_PERIOD || kind == Check.Kind.NOT_AFTER_PERIOD) && other != null) {
                problem(lineOf(o, "other"), path + ".other", "Fältet \"" + path + ".other\" används inte av en kontroll av typen "
                        + kind + ", som jämför med perioden. Ta bort fältet.");
            }
            if (kind == Check.Kind.ONE_OF_IF && (values == null || values.isEmpty())) {
                problem(o.member("values") == null ? o.line() : lineOf(o, "values"), path + ".values", "Fältet \"" + path
                        + ".values\" saknas eller är tomt. En kontroll av typen ONE_OF_IF ska ange de tillåtna värdena, t.ex. [\"J\", \"N\"].");
            }
            if (kind != Check.Kind.ONE_OF_IF && o.member("values") != null) {
                problem(lineOf(o, "values"), path + ".values", "Fältet \"" + path + ".values\" används bara av kontroller av typen "
                        + "ONE_OF_IF. Ta bort fältet eller ändra \"kind\".");
            }
        }

        /**
         * Resolves a column reference: 0 for a plain column, the group's max for a pattern with
         * {n}, null (and a problem) when it names nothing.
         */
        Integer reference(Obj o, String path, String field, String name, Set<String> names) {
            if (name == null) {
                return null;
            }
            if (name.contains(N)) {
                Integer max = patternMax.get(name);
                if (max != null && max == UNKNOWN_MAX) {
                    return null; // the group's max is wrong, which is reported already
                }
                if (max == null) {
                    problem(lineOf(o, field), path + "." + field, "Fältet \"" + path + "." + field + "\": \"" + name
                            + "\" är inget namnmönster (namePattern) i en upprepad grupp under \"columns\".");
                }
                return max;
            }
            if (!names.contains(name)) {
                problem(lineOf(o, field), path + "." + field, "Fältet \"" + path + "." + field + "\": kolumnen \"" + name
                        + "\" finns inte under \"columns\". Ange namnet på en kolumn, eller ett namnmönster med {n} för en upprepad grupp.");
                return null;
            }
            return 0;
        }

        /** Whether the check's columns have types the kind can work with (reported once per check). */
        boolean typesFit(Obj o, String path, Check check, Map<String, Column> byName, Map<String, CodeList> codeLists) {
            Column column = byName.get(check.column());
            Column other = check.other() == null ? null : byName.get(check.other());
            boolean fit = true;
            if (check.kind().onDates()) {
                if (column != null && column.type() != Column.Type.DATE) {
                    problem(lineOf(o, "column"), path + ".column", "Kontrollen av typen " + check.kind() + " jämför datum, men kolumnen \""
                            + column.name() + "\" har typen " + column.type() + ". Ange en kolumn av typen DATE.");
                    fit = false;
                }
                if (other != null && other.type() != Column.Type.DATE) {
                    problem(lineOf(o, "other"), path + ".other", "Kontrollen av typen " + check.kind() + " jämför datum, men kolumnen \""
                            + other.name() + "\" har typen " + other.type() + ". Ange en kolumn av typen DATE.");
                    fit = false;
                }
            }
            if (check.kind() == Check.Kind.ONE_OF_IF && column != null) {
                List<String> allowed = null;
                if (column.codeList() != null && codeLists.containsKey(column.codeList())) {
                    allowed = codeLists.get(column.codeList()).codes().stream().map(CodeList.Code::code).toList();
                } else if (column.type() == Column.Type.YES_NO && column.codeList() == null) {
                    allowed = SpecValidator.DEFAULT_YES_NO;
                }
                if (allowed != null) {
                    for (String value : check.values()) {
                        if (!allowed.contains(value)) {
                            problem(lineOf(o, "values"), path + ".values", "Fältet \"" + path + ".values\": \"" + value
                                    + "\" är ingen av kolumnen \"" + column.name() + "\"s koder (" + String.join(", ", allowed) + ").");
                            fit = false;
                        }
                    }
                }
            }
            return fit;
        }

        // ---- output

        Output output(Obj top) {
            Obj o = object(top, "", "output", true, "ett objekt med sheetName, delimiter, charset, headerRow och fileNamePattern");
            if (o == null) {
                return null;
            }
            String path = "output";
            onlyKnown(o, path, OUTPUT);
            String sheetName = text(o, path, "sheetName", true);
            if (sheetName != null) {
                if (sheetName.length() > 31 || sheetName.chars().anyMatch(c -> SHEET_NAME_FORBIDDEN.indexOf(c) >= 0)
                        || sheetName.startsWith("'") || sheetName.endsWith("'")) {
                    problem(lineOf(o, "sheetName"), path + ".sheetName", "Fältet \"output.sheetName\" (\"" + sheetName
                            + "\") går inte att använda som bladnamn i Excel: högst 31 tecken, inga av tecknen " + SHEET_NAME_FORBIDDEN
                            + " och ingen apostrof först eller sist.");
                    sheetName = null;
                } else if (sheetName.equalsIgnoreCase(ABOUT_SHEET)) {
                    problem(lineOf(o, "sheetName"), path + ".sheetName", "Fältet \"output.sheetName\" får inte vara \"" + ABOUT_SHEET
                            + "\": det namnet används av bladet som beskriver en preliminär fil.");
                    sheetName = null;
                }
            }
            String delimiter = text(o, path, "delimiter", true);
            if (delimiter != null && (delimiter.length() != 1 || "\"\r\n".contains(delimiter))) {
                problem(lineOf(o, "delimiter"), path + ".delimiter", "Fältet \"output.delimiter\" ska vara exakt ett tecken "
                        + "(t.ex. \";\" eller \"\\t\") och inte citattecken eller radbrytning, men har " + delimiter.length() + " tecken.");
                delimiter = null;
            }
            String charsetName = text(o, path, "charset", true);
            Charset charset = null;
            if (charsetName != null) {
                try {
                    charset = Charset.forName(charsetName);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    problem(lineOf(o, "charset"), path + ".charset", "Fältet \"output.charset\": \"" + charsetName
                            + "\" är ingen känd teckenkodning. Ange t.ex. \"UTF-8\", \"ISO-8859-1\" eller \"windows-1252\".");
                }
            }
            Boolean headerRow = bool(o, path, "headerRow", true);
            String pattern = text(o, path, "fileNamePattern", true);
            if (pattern != null && !fileNamePatternOk(pattern)) {
                problem(lineOf(o, "fileNamePattern"), path + ".fileNamePattern", "Fältet \"output.fileNamePattern\" (\"" + pattern
                        + "\") får bara innehålla bokstäverna A–Z, siffror, _, - och . samt platshållarna "
                        + FILE_NAME_PLACEHOLDERS.stream().map(p -> "{" + p + "}").collect(Collectors.joining(", "))
                        + ". Ändelsen och _PRELIMINAR läggs till automatiskt.");
                pattern = null;
            }
            if (sheetName == null || delimiter == null || charset == null || headerRow == null || pattern == null) {
                return null;
            }
            return new Output(sheetName, delimiter.charAt(0), charset, headerRow, pattern);
        }

        static boolean fileNamePatternOk(String pattern) {
            Matcher m = PLACEHOLDER.matcher(pattern);
            StringBuilder literal = new StringBuilder();
            int at = 0;
            while (m.find()) {
                if (!FILE_NAME_PLACEHOLDERS.contains(m.group(1))) {
                    return false;
                }
                literal.append(pattern, at, m.start());
                at = m.end();
            }
            literal.append(pattern.substring(at));
            return !pattern.isBlank() && FILE_NAME_LITERAL.matcher(literal).matches();
        }

        // ---- suggested mappings

        Map<String, Map<String, String>> mappings(Obj top, Map<String, CodeList> codeLists) {
            Map<String, Map<String, String>> mappings = new LinkedHashMap<>();
            Obj all = object(top, "", "suggestedMappings", false, "ett objekt: kodlistans namn -> {vårt värde: kod}");
            if (all == null) {
                return mappings;
            }
            reportDuplicates(all, "suggestedMappings");
            for (Member list : all.members().values()) {
                String path = "suggestedMappings." + list.name();
                CodeList codeList = codeLists.get(list.name());
                if (codeList == null) {
                    problem(list.line(), path, "Fältet \"" + path + "\": kodlistan \"" + list.name() + "\" finns inte under \"codeLists\"."
                            + known(codeLists.keySet(), " Kända kodlistor: "));
                }
                if (!(list.value() instanceof Obj values)) {
                    problem(list.value().line(), path, "Fältet \"" + path + "\" ska vara ett objekt {\"vårt värde\": \"kod\", …}, men är "
                            + describe(list.value()) + ".");
                    continue;
                }
                reportDuplicates(values, path);
                Map<String, String> mapping = new LinkedHashMap<>();
                for (Member m : values.members().values()) {
                    String valuePath = path + "." + m.name();
                    if (!(m.value() instanceof Val v) || !v.isString()) {
                        problem(m.value().line(), valuePath, "Fältet \"" + valuePath + "\" ska vara en kod inom citattecken, men är "
                                + describe(m.value()) + ".");
                        continue;
                    }
                    if (codeList != null && codeList.code(v.text()).isEmpty()) {
                        problem(v.line(), valuePath, "Fältet \"" + valuePath + "\": koden \"" + v.text() + "\" finns inte i kodlistan \""
                                + list.name() + "\". Kända koder: " + codeList.codes().stream().map(CodeList.Code::code).distinct()
                                .collect(Collectors.joining(", ")) + ".");
                        continue;
                    }
                    mapping.put(m.name(), v.text());
                }
                mappings.put(list.name(), mapping);
            }
            return mappings;
        }

        // ---- field readers

        String version(Obj top) {
            Member m = top.member("version");
            if (m == null || m.value() instanceof Val v && v.isNull()) {
                problem(top.line(), "version", "Fältet \"version\" saknas. Ange specifikationens version, t.ex. \"1\".");
                return null;
            }
            if (m.value() instanceof Val v && (v.isString() || v.isInteger()) && !v.text().isBlank()) {
                return v.text().strip();
            }
            problem(m.value().line(), "version", "Fältet \"version\" ska vara en text eller ett heltal, t.ex. \"1\", men är "
                    + describe(m.value()) + ".");
            return null;
        }

        Node field(Obj o, String name) {
            Member m = o.member(name);
            if (m == null || m.value() instanceof Val v && v.isNull()) {
                return null;
            }
            return m.value();
        }

        void missing(Obj o, String path, boolean required, String expected) {
            if (required) {
                problem(o.line(), path, "Fältet \"" + path + "\" saknas. Det ska vara " + expected + ".");
            }
        }

        String text(Obj o, String base, String name, boolean required) {
            String path = path(base, name);
            Node n = field(o, name);
            if (n == null) {
                missing(o, path, required, "en text inom citattecken");
                return null;
            }
            if (!(n instanceof Val v) || !v.isString()) {
                problem(n.line(), path, "Fältet \"" + path + "\" ska vara en text inom citattecken, men är " + describe(n) + ".");
                return null;
            }
            if (v.text().isBlank()) {
                problem(n.line(), path, "Fältet \"" + path + "\" är tomt. Det ska vara en text" + (required ? "." : ", eller utelämnas."));
                return null;
            }
            return v.text();
        }

        Boolean bool(Obj o, String base, String name, boolean required) {
            String path = path(base, name);
            Node n = field(o, name);
            if (n == null) {
                missing(o, path, required, "true eller false");
                return null;
            }
            if (!(n instanceof Val v) || !v.isBoolean()) {
                problem(n.line(), path, "Fältet \"" + path + "\" ska vara true eller false (utan citattecken), men är " + describe(n) + ".");
                return null;
            }
            return Boolean.valueOf(v.text());
        }

        Integer integer(Obj o, String base, String name, boolean required) {
            String path = path(base, name);
            Node n = field(o, name);
            if (n == null) {
                missing(o, path, required, "ett heltal");
                return null;
            }
            if (n instanceof Val v && v.isInteger()) {
                try {
                    return Integer.valueOf(v.text());
                } catch (NumberFormatException e) {
                    // too large: reported below
                }
            }
            problem(n.line(), path, "Fältet \"" + path + "\" ska vara ett heltal (utan citattecken), men är " + describe(n) + ".");
            return null;
        }

        LocalDate date(Obj o, String base, String name, boolean required) {
            String path = path(base, name);
            Node n = field(o, name);
            if (n == null) {
                missing(o, path, required, "ett datum på formen ÅÅÅÅ-MM-DD");
                return null;
            }
            if (n instanceof Val v && v.isString()) {
                try {
                    return LocalDate.parse(v.text());
                } catch (DateTimeParseException e) {
                    problem(n.line(), path, "Fältet \"" + path + "\": \"" + v.text() + "\" är inte ett giltigt datum. "
                            + "Ange datum på formen ÅÅÅÅ-MM-DD, t.ex. \"2017-07-01\".");
                    return null;
                }
            }
            problem(n.line(), path, "Fältet \"" + path + "\" ska vara ett datum inom citattecken på formen ÅÅÅÅ-MM-DD, men är "
                    + describe(n) + ".");
            return null;
        }

        <E extends Enum<E>> E oneOf(Obj o, String base, String name, Class<E> type, boolean required) {
            String path = path(base, name);
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            Node n = field(o, name);
            if (n == null) {
                missing(o, path, required, "ett av värdena " + allowed);
                return null;
            }
            if (n instanceof Val v && v.isString()) {
                for (E e : type.getEnumConstants()) {
                    if (e.name().equals(v.text())) {
                        return e;
                    }
                }
                problem(n.line(), path, "Fältet \"" + path + "\": \"" + v.text() + "\" är inget känt värde. Tillåtna värden: " + allowed + ".");
                return null;
            }
            problem(n.line(), path, "Fältet \"" + path + "\" ska vara ett av värdena " + allowed + " inom citattecken, men är "
                    + describe(n) + ".");
            return null;
        }

        List<String> strings(Obj o, String base, String name) {
            String path = path(base, name);
            Node n = field(o, name);
            if (n == null) {
                return List.of();
            }
            if (!(n instanceof Arr a)) {
                problem(n.line(), path, "Fältet \"" + path + "\" ska vara en lista med texter, t.ex. [\"J\", \"N\"], men är " + describe(n) + ".");
                return null;
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < a.items().size(); i++) {
                Node item = a.items().get(i);
                if (item instanceof Val v && v.isString()) {
                    values.add(v.text());
                } else {
                    problem(item.line(), path + "[" + (i + 1) + "]", "Fältet \"" + path + "[" + (i + 1)
                            + "]\" ska vara en text inom citattecken, men är " + describe(item) + ".");
                }
            }
            return values;
        }

        Obj object(Obj o, String base, String name, boolean required, String expected) {
            String path = path(base, name);
            Node n = field(o, name);
            if (n == null) {
                missing(o, path, required, expected);
                return null;
            }
            if (!(n instanceof Obj result)) {
                problem(n.line(), path, "Fältet \"" + path + "\" ska vara " + expected + ", men är " + describe(n) + ".");
                return null;
            }
            return result;
        }

        Arr array(Obj o, String base, String name, boolean required, String expected) {
            String path = path(base, name);
            Node n = field(o, name);
            if (n == null) {
                missing(o, path, required, expected);
                return null;
            }
            if (!(n instanceof Arr result)) {
                problem(n.line(), path, "Fältet \"" + path + "\" ska vara " + expected + " inom [ ], men är " + describe(n) + ".");
                return null;
            }
            return result;
        }

        void onlyKnown(Obj o, String base, List<String> known) {
            reportDuplicates(o, base);
            for (Member m : o.members().values()) {
                if (!known.contains(m.name())) {
                    String path = path(base, m.name());
                    problem(m.line(), path, "Fältet \"" + path + "\" är okänt här. Kontrollera stavningen; tillåtna fält är "
                            + String.join(", ", known) + ".");
                }
            }
        }

        void reportDuplicates(Obj o, String base) {
            for (Member m : o.duplicates()) {
                String path = path(base, m.name());
                problem(m.line(), path, "Fältet \"" + path + "\" förekommer mer än en gång i samma objekt. Ta bort det ena; "
                        + "det första gäller nu.");
            }
        }

        void problem(int line, String field, String message) {
            problems.add(new Problem(line, field, message));
        }

        static int lineOf(Obj o, String name) {
            Member m = o.member(name);
            return m == null ? o.line() : m.value().line();
        }

        static String path(String base, String name) {
            return base.isEmpty() ? name : base + "." + name;
        }

        static String known(Set<String> names, String lead) {
            return names.isEmpty() ? "" : lead + String.join(", ", names) + ".";
        }

        static String describe(Node n) {
            return JsonTree.describe(n);
        }

        static String abbreviate(String text) {
            return JsonTree.abbreviate(text);
        }
    }
}
