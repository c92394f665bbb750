package se.kaa.reporting.board;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import se.kaa.casework.PeriodRecords.PeriodMeasure;
import se.kaa.casework.PeriodRecords.PeriodRecord;
import se.kaa.reporting.board.BoardReport.BaseLink;
import se.kaa.reporting.board.BoardReport.Breakdown;
import se.kaa.reporting.board.BoardReport.CellRef;
import se.kaa.reporting.board.BoardReport.Column;
import se.kaa.reporting.board.BoardReport.Note;
import se.kaa.reporting.board.BoardReport.Row;
import se.kaa.reporting.board.BoardReport.RowKind;
import se.kaa.reporting.board.BoardReport.Section;
import se.kaa.reporting.board.BoardReport.TrendPoint;
import se.kaa.reporting.board.BoardReport.WholePeriod;
import se.kaa.reporting.board.NationalFigures.Figure;
import se.kaa.shared.HalfYear;

/**
 * The one definition of the board report's figures (docs/board-report.md, "The figures"). Every figure
 * counts young people (one record per person and period), never events or measures.
 */
public final class BoardFigures {

    /** Registration reasons in the order they are shown. */
    public static final List<String> REASONS = List.of("AVBROTT", "STUDIEBEVIS", "EJ_PABORJAT", "INVANDRAD", "IM");
    /** Deregistration reasons in the order they are shown. */
    public static final List<String> EXIT_REASONS = List.of("FYLLT_20", "UTFLYTTAD", "PABORJAT_UTBILDNING", "EXAMEN", "AVLIDEN", "UTVANDRAD");
    /** Exit reasons that count as going to studies. */
    public static final List<String> TO_STUDIES = List.of("PABORJAT_UTBILDNING", "EXAMEN");
    /** Occupation groups after an ended measure, in the order they are shown. */
    public static final List<String> OCCUPATION_GROUPS = List.of("STUDIES", "WORK", "OTHER", "UNKNOWN");
    /** A part for a value outside the code lists above, and for a missing value. */
    public static final String OTHER = "OTHER";
    public static final String MISSING = "MISSING";

    static final String IN_KAA = "inKaa";
    static final String NEW_REGISTRATIONS = "newRegistrations";
    static final String CONTACT = "contact";
    static final String OCCUPATION_KNOWN = "occupationKnown";
    static final String MEASURE = "measure";
    static final String DEREGISTRATIONS = "deregistrations";
    static final String TO_STUDIES_ROW = "deregistrations.toStudies";
    static final String AFTER_MEASURE = "afterMeasure";
    static final String MISSING_REASON = "missingReason";
    static final String UNKNOWN_OCCUPATION = "unknownOccupation";
    static final String DAYS_TO_FIRST_CONTACT = "daysToFirstContact";
    static final String OVERDUE = "overdue";

    private static final int TREND_LENGTH = 6;

    private BoardFigures() {
    }

    /** The report, suppressed by {@code in.suppression()}. */
    public static BoardReport compute(BoardInput in) {
        return in.suppression().apply(raw(in));
    }

    /**
     * The report before suppression. Package-private: unsuppressed figures never leave this package
     * (tests compare against them).
     */
    static BoardReport raw(BoardInput in) {
        HalfYear period = in.period();
        HalfYear before = period.yearBefore();
        List<PeriodRecord> yearBefore = in.yearBefore().isEmpty() ? in.trend().getOrDefault(before, List.of()) : in.yearBefore();
        int days = in.firstContactTargetDays();

        Map<String, Cell> cur = figures(new Window(in.current(), period.first(), period.last(), in.asOf(), in.population16to19(), days));
        Map<String, Cell> women = figures(new Window(bySex(in.current(), Sex.WOMAN), period.first(), period.last(), in.asOf(), null, days));
        Map<String, Cell> men = figures(new Window(bySex(in.current(), Sex.MAN), period.first(), period.last(), in.asOf(), null, days));
        Map<String, Cell> prev = yearBefore.isEmpty() ? null
                : figures(new Window(yearBefore, before.first(), before.last(), in.asOf(), in.population16to19YearBefore(), days));
        WholePeriod whole = null;
        Map<String, Cell> year = null;
        if (period.half() == 2) {
            whole = new WholePeriod(period.previous(), period);
            List<PeriodRecord> firstHalf = in.trend().get(period.previous());
            if (firstHalf != null) {
                year = figures(new Window(union(firstHalf, in.current()), period.previous().first(), period.last(), in.asOf(),
                        in.population16to19(), days));
            }
        }

        boolean ongoing = in.asOf().isBefore(period.last());
        List<Section> sections = new ArrayList<>();
        List<Breakdown> breakdowns = new ArrayList<>();
        List<BaseLink> links = new ArrayList<>();
        Builder b = new Builder(in, cur, women, men, prev, year, whole != null);

        sections.add(new Section(IN_KAA, "reporting.board.section.inKaa", List.of(
                b.row(IN_KAA, RowKind.COUNT, 0, true, List.of(Figure.YOUNG_PEOPLE, Figure.YOUNG_PEOPLE_SHARE, Figure.WOMEN),
                        in.population16to19() == null ? Note.of("reporting.board.note.inKaa.populationMissing")
                                : Note.of("reporting.board.note.inKaa.population", in.population16to19().longValue())))));
        sections.add(b.breakdownSection(NEW_REGISTRATIONS, REASONS, Map.of(), Note.of("reporting.board.note.newRegistrations")));
        for (String share : List.of(CONTACT, OCCUPATION_KNOWN, MEASURE)) {
            Figure f = switch (share) {
                case CONTACT -> Figure.CONTACT;
                case OCCUPATION_KNOWN -> Figure.OCCUPATION_KNOWN;
                default -> Figure.MEASURE;
            };
            sections.add(new Section(share, "reporting.board.section." + share, List.of(
                    b.row(share, RowKind.SHARE, 0, true, List.of(f), Note.of("reporting.board.note." + share)))));
        }
        Section deregistrations = b.breakdownSection(DEREGISTRATIONS, EXIT_REASONS, Map.of(), Note.of("reporting.board.note.deregistrations"));
        List<Row> deregistrationRows = new ArrayList<>(deregistrations.rows());
        deregistrationRows.add(b.row(TO_STUDIES_ROW, RowKind.COUNT, 1, false, List.of(Figure.DEREGISTERED_TO_STUDIES),
                Note.of("reporting.board.note.toStudies")));
        sections.add(new Section(DEREGISTRATIONS, deregistrations.titleKey(), deregistrationRows));
        sections.add(b.breakdownSection(AFTER_MEASURE, OCCUPATION_GROUPS, Map.of(
                        "STUDIES", Figure.AFTER_MEASURE_STUDIES, "WORK", Figure.AFTER_MEASURE_WORK,
                        "UNKNOWN", Figure.AFTER_MEASURE_UNKNOWN, "OTHER", Figure.AFTER_MEASURE_OTHER),
                Note.of("reporting.board.note.afterMeasure")));
        sections.add(new Section("dataQuality", "reporting.board.section.dataQuality", List.of(
                b.row(MISSING_REASON, RowKind.COUNT, 0, false, List.of(), Note.of("reporting.board.note.missingReason")),
                b.row(UNKNOWN_OCCUPATION, RowKind.COUNT, 0, false, List.of(), Note.of("reporting.board.note.unknownOccupation")),
                b.row(DAYS_TO_FIRST_CONTACT, RowKind.MEDIAN_DAYS, 0, false, List.of(), Note.of("reporting.board.note.daysToFirstContact")),
                b.row(OVERDUE, RowKind.SHARE, 0, false, List.of(), Note.of("reporting.board.note.overdue", (long) days, in.asOf().toString())))));

        // what adds up, and what is whose base: suppression protects exactly these
        List<Column> columns = whole == null ? List.of(Column.CURRENT, Column.YEAR_BEFORE)
                : List.of(Column.CURRENT, Column.YEAR_BEFORE, Column.WHOLE_PERIOD);
        for (Section s : sections) {
            Row head = s.rows().get(0);
            List<Row> parts = s.rows().stream().filter(r -> r.level() == 1 && !r.id().equals(TO_STUDIES_ROW)).toList();
            for (Column c : columns) {
                if (!parts.isEmpty()) {
                    breakdowns.add(new Breakdown(head.id() + ":" + c, new CellRef(head.id(), c),
                            parts.stream().map(p -> new CellRef(p.id(), c)).toList()));
                    parts.forEach(p -> links.add(new BaseLink(new CellRef(p.id(), c), new CellRef(head.id(), c))));
                }
            }
        }
        for (Column c : columns) {
            breakdowns.add(new Breakdown(TO_STUDIES_ROW + ":" + c, new CellRef(TO_STUDIES_ROW, c),
                    TO_STUDIES.stream().map(r -> new CellRef(DEREGISTRATIONS + "." + r, c)).toList()));
            links.add(new BaseLink(new CellRef(TO_STUDIES_ROW, c), new CellRef(DEREGISTRATIONS, c)));
            for (String share : List.of(CONTACT, OCCUPATION_KNOWN, MEASURE, MISSING_REASON)) {
                links.add(new BaseLink(new CellRef(share, c), new CellRef(IN_KAA, c)));
            }
            links.add(new BaseLink(new CellRef(UNKNOWN_OCCUPATION, c), new CellRef(CONTACT, c)));
        }
        for (Section s : sections) {
            for (Row r : s.rows()) {
                if (r.women() != null) {
                    breakdowns.add(new Breakdown(r.id() + ":sex", new CellRef(r.id(), Column.CURRENT),
                            List.of(new CellRef(r.id(), Column.WOMEN), new CellRef(r.id(), Column.MEN))));
                    for (Column sex : List.of(Column.WOMEN, Column.MEN)) {
                        // a count row's split is a share of its own total; a share row's is of the women (men) in KAA
                        links.add(new BaseLink(new CellRef(r.id(), sex), r.kind() == RowKind.COUNT
                                ? new CellRef(r.id(), Column.CURRENT) : new CellRef(IN_KAA, sex)));
                    }
                }
            }
        }

        List<TrendPoint> trend = new ArrayList<>();
        HalfYear h = period;
        for (int i = 1; i < TREND_LENGTH; i++) {
            h = h.previous();
        }
        for (int i = 0; i < TREND_LENGTH; i++, h = next(h)) {
            List<PeriodRecord> records = h.equals(period) ? in.current() : h.equals(before) && !yearBefore.isEmpty() ? yearBefore : in.trend().get(h);
            trend.add(new TrendPoint(h, records == null ? Cell.missing(Cell.NO_DATA) : Cell.count(records.size())));
        }

        List<Note> notes = new ArrayList<>();
        if (ongoing) {
            notes.add(Note.of("reporting.board.note.ongoing", in.asOf().toString()));
        }
        if (whole != null) {
            notes.add(Note.of("reporting.board.note.wholePeriod", String.valueOf(period.year())));
        }
        notes.add(Note.of("reporting.board.note.sex"));
        if (!in.national().entries().isEmpty()) {
            notes.add(Note.of("reporting.board.note.nationalSource", in.national().source(), (long) in.national().version()));
        }
        return new BoardReport(in.municipality(), period, before, whole, in.asOf(), ongoing, days, in.suppression(),
                sections, trend, breakdowns, links, new BoardReport.NationalSource(in.national().version(), in.national().source()), notes);
    }

    private static HalfYear next(HalfYear h) {
        return h.half() == 1 ? new HalfYear(h.year(), 2) : new HalfYear(h.year() + 1, 1);
    }

    /** Assembles rows from the columns' figures. */
    private static final class Builder {
        final BoardInput in;
        final Map<String, Cell> cur;
        final Map<String, Cell> women;
        final Map<String, Cell> men;
        final Map<String, Cell> prev;
        final Map<String, Cell> year;
        final boolean hasWhole;

        Builder(BoardInput in, Map<String, Cell> cur, Map<String, Cell> women, Map<String, Cell> men,
                Map<String, Cell> prev, Map<String, Cell> year, boolean hasWhole) {
            this.in = in;
            this.cur = cur;
            this.women = women;
            this.men = men;
            this.prev = prev;
            this.year = year;
            this.hasWhole = hasWhole;
        }

        Row row(String id, RowKind kind, int level, boolean bySex, List<Figure> figures, Note note) {
            Cell c = cur.getOrDefault(id, Cell.count(0));
            Cell y = prev == null ? Cell.missing(Cell.NO_DATA) : prev.getOrDefault(id, Cell.count(0));
            Cell w = !hasWhole ? null : year == null ? Cell.missing(Cell.NO_DATA) : year.getOrDefault(id, Cell.count(0));
            Cell wo = null;
            Cell m = null;
            if (bySex) {
                wo = kind == RowKind.COUNT ? Cell.share(women.get(id).count(), c.count()) : women.get(id);
                m = kind == RowKind.COUNT ? Cell.share(men.get(id).count(), c.count()) : men.get(id);
            }
            List<NationalValue> national = figures.stream().map(f -> in.national().lookup(f, in.period()))
                    .flatMap(java.util.Optional::stream).toList();
            return new Row(id, "reporting.board.row." + id, kind, level, c, y, w, null, wo, m, national, note);
        }

        /** A total with its parts; OTHER and MISSING parts only where some column has one. */
        Section breakdownSection(String id, List<String> codes, Map<String, Figure> national, Note note) {
            List<Row> rows = new ArrayList<>();
            rows.add(row(id, RowKind.COUNT, 0, !id.equals(AFTER_MEASURE), List.of(), note));
            List<String> parts = new ArrayList<>(codes);
            for (String extra : List.of(OTHER, MISSING)) {
                if (!parts.contains(extra) && present(id + "." + extra)) {
                    parts.add(extra);
                }
            }
            for (String p : parts) {
                Figure f = national.get(p);
                rows.add(row(id + "." + p, RowKind.COUNT, 1, false, f == null ? List.of() : List.of(f), null));
            }
            return new Section(id, "reporting.board.section." + id, rows);
        }

        private boolean present(String rowId) {
            Predicate<Map<String, Cell>> has = m -> m != null && m.containsKey(rowId) && m.get(rowId).count() != null && m.get(rowId).count() > 0;
            return has.test(cur) || has.test(prev) || has.test(year);
        }
    }

    /** The records of one column and the days they are read over. */
    private record Window(List<PeriodRecord> records, LocalDate first, LocalDate last, LocalDate asOf, Integer population, int targetDays) {
        LocalDate lastSeen() {
            return asOf.isBefore(last) ? asOf : last;
        }

        boolean inside(LocalDate d) {
            return d != null && !d.isBefore(first) && !d.isAfter(last);
        }
    }

    /** Every figure of one column, by row id, unsuppressed. */
    private static Map<String, Cell> figures(Window w) {
        Map<String, Cell> m = new LinkedHashMap<>();
        List<PeriodRecord> all = w.records();
        long n = all.size();
        m.put(IN_KAA, w.population() == null ? new Cell(n, null, null, false, Cell.POPULATION_MISSING) : Cell.share(n, w.population()));

        List<PeriodRecord> registered = all.stream().filter(r -> w.inside(r.registered())).toList();
        m.put(NEW_REGISTRATIONS, Cell.count(registered.size()));
        parts(m, NEW_REGISTRATIONS, registered, r -> code(r.reason(), REASONS), REASONS);

        long contacted = count(all, PeriodRecord::contactDuringPeriod);
        m.put(CONTACT, Cell.share(contacted, n));
        m.put(OCCUPATION_KNOWN, Cell.share(count(all, r -> known(r.occupationAtLatestContact())), n));
        m.put(MEASURE, Cell.share(count(all, r -> r.measures().stream().anyMatch(x -> !x.declined() && overlaps(x, w))), n));

        List<PeriodRecord> exited = all.stream().filter(r -> w.inside(r.exited())).toList();
        m.put(DEREGISTRATIONS, Cell.count(exited.size()));
        parts(m, DEREGISTRATIONS, exited, r -> code(r.exitReason(), EXIT_REASONS), EXIT_REASONS);
        m.put(TO_STUDIES_ROW, Cell.share(count(exited, r -> r.exitReason() != null && TO_STUDIES.contains(r.exitReason())), exited.size()));

        List<String> after = new ArrayList<>();
        for (PeriodRecord r : all) {
            r.measures().stream()
                    .filter(x -> !x.declined() && x.end() != null && w.inside(x.end()) && !x.end().isAfter(w.lastSeen()))
                    .max(Comparator.comparing(PeriodMeasure::end))
                    .ifPresent(x -> after.add(occupationGroup(x.occupationAfter())));
        }
        m.put(AFTER_MEASURE, Cell.count(after.size()));
        parts(m, AFTER_MEASURE, after, Function.identity(), OCCUPATION_GROUPS);

        m.put(MISSING_REASON, Cell.share(count(all, r -> r.reason() == null || r.reason().isBlank()), n));
        m.put(UNKNOWN_OCCUPATION, Cell.share(count(all, r -> r.contactDuringPeriod() && !known(r.occupationAtLatestContact())), contacted));

        List<Long> days = registered.stream()
                .filter(r -> r.firstContact() != null && !r.firstContact().isAfter(w.asOf()))
                .map(r -> Math.max(0, ChronoUnit.DAYS.between(r.registered(), r.firstContact())))
                .sorted().toList();
        m.put(DAYS_TO_FIRST_CONTACT, days.isEmpty() ? new Cell(null, null, 0L, false, Cell.NO_BASE)
                : new Cell(median(days), null, (long) days.size(), false, null));

        long due = 0;
        long overdue = 0;
        for (PeriodRecord r : registered) {
            LocalDate deadline = r.registered().plusDays(w.targetDays());
            boolean inTime = r.firstContact() != null && !r.firstContact().isAfter(deadline) && !r.firstContact().isAfter(w.asOf());
            boolean leftBefore = r.exited() != null && r.exited().isBefore(deadline);
            if (!deadline.isBefore(w.asOf()) || leftBefore && !inTime) {
                continue; // the deadline has not passed yet, or she left before it without a contact
            }
            due++;
            if (!inTime) {
                overdue++;
            }
        }
        m.put(OVERDUE, Cell.share(overdue, due));
        return m;
    }

    private static <T> void parts(Map<String, Cell> m, String total, List<T> items, Function<T, String> code, List<String> codes) {
        Map<String, Long> counts = new LinkedHashMap<>();
        codes.forEach(c -> counts.put(c, 0L));
        counts.putIfAbsent(OTHER, 0L);
        counts.putIfAbsent(MISSING, 0L);
        for (T item : items) {
            counts.merge(code.apply(item), 1L, Long::sum);
        }
        counts.forEach((c, k) -> m.put(total + "." + c, Cell.share(k, items.size())));
    }

    private static String code(String value, List<String> known) {
        if (value == null || value.isBlank()) {
            return MISSING;
        }
        return known.contains(value) ? value : OTHER;
    }

    /** Occupation known: at the latest contact, and not UNKNOWN. */
    static boolean known(String occupation) {
        return occupation != null && !occupation.equals("UNKNOWN");
    }

    /** STUDIES_* → STUDIES, WORK, UNKNOWN or none → UNKNOWN, everything else OTHER. */
    static String occupationGroup(String occupation) {
        if (occupation == null || occupation.equals("UNKNOWN")) {
            return "UNKNOWN";
        }
        if (occupation.startsWith("STUDIES_")) {
            return "STUDIES";
        }
        return occupation.equals("WORK") ? "WORK" : "OTHER";
    }

    private static boolean overlaps(PeriodMeasure x, Window w) {
        return (x.start() == null || !x.start().isAfter(w.lastSeen())) && (x.end() == null || !x.end().isBefore(w.first()));
    }

    private static long count(List<PeriodRecord> records, Predicate<PeriodRecord> p) {
        return records.stream().filter(p).count();
    }

    /** The median of sorted non-negative whole days; between two middle values, rounded half up. */
    static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2) + 1) / 2;
    }

    private static List<PeriodRecord> bySex(List<PeriodRecord> records, Sex sex) {
        return records.stream().filter(r -> Sex.of(r.pin()) == sex).toList();
    }

    /**
     * The young people of two consecutive half-years, each once: for someone in both, the later
     * record's episode, her latest exit and contact in either, and the measures of both.
     */
    static List<PeriodRecord> union(List<PeriodRecord> earlier, List<PeriodRecord> later) {
        Map<String, PeriodRecord> byPin = new LinkedHashMap<>();
        earlier.forEach(r -> byPin.put(r.pin().value(), r));
        later.forEach(r -> byPin.merge(r.pin().value(), r, BoardFigures::merge));
        return List.copyOf(byPin.values());
    }

    private static PeriodRecord merge(PeriodRecord e, PeriodRecord l) {
        boolean laterExit = l.exited() != null;
        boolean laterContact = l.latestContact() != null && (e.latestContact() == null || !l.latestContact().isBefore(e.latestContact()));
        PeriodRecord contactFrom = laterContact || e.latestContact() == null ? l : e;
        List<PeriodMeasure> measures = new ArrayList<>(l.measures());
        e.measures().stream().filter(x -> !measures.contains(x)).forEach(measures::add);
        return new PeriodRecord(l.personId(), l.pin(), l.birthDate(), l.caseId(), l.firstRegistered(), l.registered(), l.reason(),
                laterExit ? l.exited() : e.exited(), laterExit ? l.exitReason() : e.exitReason(),
                e.contactDuringPeriod() || l.contactDuringPeriod(), contactFrom.latestContact(),
                contactFrom.occupationAtLatestContact(), l.firstContact(), measures);
    }
}
