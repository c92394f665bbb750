package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import se.kaa.intake.AdmissionDecision;
import se.kaa.intake.AdmissionFact;
import se.kaa.intake.CredentialFact;
import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.EnrolmentFact;
import se.kaa.intake.PersonFacts;
import se.kaa.intake.PlacementFact;
import se.kaa.intake.PopulationFact;
import se.kaa.intake.RegistrationStatus;
import se.kaa.intake.SchoolType;
import se.kaa.intake.SnapshotFact;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.TargetGroupSettings;

/**
 * The facts of one person indexed for the rules: sorted, with the derived dates (end of compulsory
 * schooling, stays per municipality, status changes) worked out once. Everything is deterministic:
 * facts are ordered by their dates and then by their provenance, never by arrival order.
 */
public final class PersonContext {

    /** A folkbokföring status in force from {@code from}, shown by {@code source}. */
    record StatusChange(LocalDate from, RegistrationStatus status, PopulationFact source) {
    }

    /** How the last day of compulsory schooling was found. */
    enum CompulsoryBasis {
        /** the last GR/GRS enrolment's end date */
        ENROLMENT_END,
        /** no usable enrolment end: end of the spring term of the year she turns 16 (17 after GRS) */
        DEFAULT,
        /** an open GR/GRS enrolment begun after the default date: in school while it is open */
        OPEN_ENROLMENT
    }

    private static final Comparator<LocalDate> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());
    private static final Comparator<EnrolmentFact> ENROLMENT_ORDER = Comparator.comparing(EnrolmentFact::start)
            .thenComparing(EnrolmentFact::end, NULLS_LAST)
            .thenComparing(EnrolmentFact::schoolType)
            .thenComparingLong(EnrolmentFact::id);
    private static final Comparator<CredentialFact> CREDENTIAL_ORDER = Comparator.comparing(CredentialFact::date)
            .thenComparing(CredentialFact::type);
    private static final Comparator<AdmissionFact> ADMISSION_ORDER = Comparator.comparing(AdmissionFact::start)
            .thenComparing(AdmissionFact::programme, Comparator.nullsLast(Comparator.naturalOrder()));
    private static final Comparator<PopulationFact> POPULATION_ORDER = Comparator.comparing(PopulationFact::asOf)
            .thenComparing(PopulationFact::municipality)
            .thenComparing(PopulationFact::registeredSince, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(p -> p.provenance() == null || p.provenance().batchId() == null
                    ? Long.MAX_VALUE : p.provenance().batchId());
    private static final Comparator<Stay> STAY_ORDER = Comparator.comparing(Stay::from)
            .thenComparing(Stay::until, NULLS_LAST)
            .thenComparing(st -> st.isPlacement() ? 1 : 0);
    private static final int[] RULE_SET_STARTS = {
            (int) se.kaa.targetgroup.RuleSetVersion.V2015.validFrom().toEpochDay(),
            (int) se.kaa.targetgroup.RuleSetVersion.V2018.validFrom().toEpochDay(),
            (int) se.kaa.targetgroup.RuleSetVersion.V2023.validFrom().toEpochDay()};
    private static final int MIN_SNAPSHOT_AGE = 15;
    private static final int MAX_SNAPSHOT_AGE = 20;

    private final PersonFacts facts;
    private final TargetGroupSettings settings;
    private final LocalDate birthDate;
    private final LocalDate twentiethBirthday;
    private final List<EnrolmentFact> enrolments;
    private final List<CredentialFact> credentials;
    private final Map<CredentialFact, LocalDate> effectiveDates = new IdentityHashMap<>();
    private final List<AdmissionFact> admitted;
    private final List<StatusChange> statusChanges;
    private final Map<MunicipalityCode, List<Stay>> stays;
    private final EnrolmentFact lastCompulsoryEnrolment;
    private final EnrolmentFact firstAnpassadEnrolment;
    private final LocalDate compulsoryLastDay;
    private final CompulsoryBasis compulsoryBasis;
    private final int compulsoryAge;
    private final LocalDate schoolAgeEnd;
    private final PopulationFact firstImmigration;
    private final boolean immigratedAfterSchoolAge;
    private final int[] changePoints;

    private PersonContext(PersonFacts facts, TargetGroupSettings settings) {
        this.facts = facts;
        this.settings = settings;
        this.birthDate = facts.pin().birthDate();
        this.twentiethBirthday = facts.pin().birthday(20);

        this.enrolments = sorted(facts.enrolments(), ENROLMENT_ORDER);
        for (CredentialFact c : facts.credentials()) {
            effectiveDates.put(c, effectiveDate(c, enrolments));
        }
        List<CredentialFact> byEffectiveDate = new ArrayList<>(facts.credentials());
        byEffectiveDate.sort(Comparator.comparing((CredentialFact c) -> effectiveDates.get(c)).thenComparing(CREDENTIAL_ORDER));
        this.credentials = List.copyOf(byEffectiveDate);

        List<AdmissionFact> a = new ArrayList<>();
        for (AdmissionFact f : facts.admissions()) {
            if (f.decision() == AdmissionDecision.ANTAGEN && f.start() != null) {
                a.add(f);
            }
        }
        a.sort(ADMISSION_ORDER);
        this.admitted = a;

        // Compulsory schooling: the last GR/GRS enrolment, else the default date.
        EnrolmentFact lastCompulsory = null;
        EnrolmentFact firstAnpassad = null;
        for (EnrolmentFact f : enrolments) {
            if (f.schoolType().isCompulsory()) {
                lastCompulsory = f; // sorted by start, so the last one wins
                if (f.schoolType() == SchoolType.GRS && firstAnpassad == null) {
                    firstAnpassad = f;
                }
            }
        }
        this.lastCompulsoryEnrolment = lastCompulsory;
        this.firstAnpassadEnrolment = firstAnpassad;
        this.compulsoryAge = firstAnpassad != null ? 17 : 16;
        this.schoolAgeEnd = springTermEnd(16);
        LocalDate defaultEnd = springTermEnd(compulsoryAge);
        if (lastCompulsory == null) {
            compulsoryLastDay = defaultEnd;
            compulsoryBasis = CompulsoryBasis.DEFAULT;
        } else if (lastCompulsory.end() != null) {
            if (lastCompulsory.endReason() == EnrolmentEndReason.BYTE && lastCompulsory.end().isBefore(defaultEnd)) {
                // She changed school; the new school's record is not here. Schooling went on.
                compulsoryLastDay = defaultEnd;
                compulsoryBasis = CompulsoryBasis.DEFAULT;
            } else {
                compulsoryLastDay = lastCompulsory.end();
                compulsoryBasis = CompulsoryBasis.ENROLMENT_END;
            }
        } else if (!lastCompulsory.start().isAfter(defaultEnd)) {
            // An enrolment nobody closed: the default date is the best knowledge.
            compulsoryLastDay = defaultEnd;
            compulsoryBasis = CompulsoryBasis.DEFAULT;
        } else {
            // Begun after the default date (an extended year): in school while open, but never
            // beyond the spring term of the year she turns 18, so a stale record cannot hide her.
            compulsoryLastDay = springTermEnd(18);
            compulsoryBasis = CompulsoryBasis.OPEN_ENROLMENT;
        }

        // Immigration: the earliest immigration date on any row is when she was first folkbokförd.
        PopulationFact firstImm = null;
        for (PopulationFact p : facts.population()) {
            if (p.immigrationDate() != null
                    && (firstImm == null || p.immigrationDate().isBefore(firstImm.immigrationDate())
                    || p.immigrationDate().equals(firstImm.immigrationDate()) && POPULATION_ORDER.compare(p, firstImm) < 0)) {
                firstImm = p;
            }
        }
        this.firstImmigration = firstImm;
        this.immigratedAfterSchoolAge = firstImm != null && lastCompulsory == null
                && firstImm.immigrationDate().isAfter(schoolAgeEnd);

        List<PopulationFact> rows = sorted(facts.population(), POPULATION_ORDER);
        this.statusChanges = statusChanges(rows);
        this.stays = stays(rows);
        this.changePoints = computeChangePoints();
    }

    /** Indexes the facts of one person. */
    public static PersonContext of(PersonFacts facts, TargetGroupSettings settings) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(settings, "settings");
        return new PersonContext(facts, settings);
    }

    private static <T> List<T> sorted(List<T> list, Comparator<? super T> order) {
        if (list.size() < 2) {
            return list;
        }
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return copy;
    }

    private LocalDate springTermEnd(int age) {
        int year = birthDate.getYear() + age;
        return settings.springTermEnd().atYear(year);
    }

    private static List<StatusChange> statusChanges(List<PopulationFact> rows) {
        List<StatusChange> changes = new ArrayList<>();
        RegistrationStatus current = RegistrationStatus.NORMAL;
        LocalDate since = null;
        for (PopulationFact p : rows) {
            RegistrationStatus s = p.status() == null ? RegistrationStatus.NORMAL : p.status();
            if (current == RegistrationStatus.AVLIDEN) {
                break;
            }
            if (s == current) {
                continue;
            }
            LocalDate from = p.asOf();
            if (s == RegistrationStatus.NORMAL && p.registeredSince() != null && since != null
                    && p.registeredSince().isAfter(since) && p.registeredSince().isBefore(p.asOf())) {
                from = p.registeredSince(); // back in Sweden since she registered again
            }
            changes.add(new StatusChange(from, s, p));
            current = s;
            since = from;
        }
        return changes;
    }

    private Map<MunicipalityCode, List<Stay>> stays(List<PopulationFact> rows) {
        Map<MunicipalityCode, List<SnapshotFact>> snapshotsOf = new HashMap<>();
        for (SnapshotFact s : facts.snapshots()) {
            snapshotsOf.computeIfAbsent(s.municipality(), k -> new ArrayList<>()).add(s);
        }
        for (List<SnapshotFact> l : snapshotsOf.values()) {
            l.sort(Comparator.comparing(SnapshotFact::asOf));
        }
        Map<MunicipalityCode, Set<LocalDate>> listedOn = new HashMap<>();
        for (PopulationFact p : rows) {
            listedOn.computeIfAbsent(p.municipality(), k -> new HashSet<>()).add(p.asOf());
        }

        Map<MunicipalityCode, List<Stay>> raw = new HashMap<>();
        for (PopulationFact l : rows) {
            MunicipalityCode m = l.municipality();
            LocalDate from = l.registeredSince() != null && !l.registeredSince().isAfter(l.asOf())
                    ? l.registeredSince() : l.asOf();
            LocalDate until = null;
            Stay.EndKind kind = null;
            Object endFact = null;
            for (SnapshotFact s : snapshotsOf.getOrDefault(m, List.of())) {
                if (s.asOf().isAfter(l.asOf()) && !listedOn.get(m).contains(s.asOf()) && ofSnapshotAge(s.asOf())) {
                    until = s.asOf();
                    kind = Stay.EndKind.MISSING_FROM_SNAPSHOT;
                    endFact = s;
                    break;
                }
            }
            for (PopulationFact o : rows) {
                if (!o.asOf().isAfter(l.asOf()) || o.registeredSince() == null) {
                    continue;
                }
                LocalDate f = o.registeredSince();
                if (!o.municipality().equals(m) && f.isAfter(from) && (until == null || f.isBefore(until))) {
                    until = f;
                    kind = Stay.EndKind.REGISTERED_ELSEWHERE;
                    endFact = o;
                } else if (o.municipality().equals(m) && f.isAfter(l.asOf()) && (until == null || f.isBefore(until))) {
                    until = f;
                    kind = Stay.EndKind.REREGISTERED;
                    endFact = o;
                }
            }
            raw.computeIfAbsent(m, k -> new ArrayList<>()).add(new Stay(m, from, until, l, null, kind, endFact));
        }
        for (PlacementFact p : facts.placements()) {
            if (p.from() == null || p.to() != null && p.to().isBefore(p.from())) {
                continue;
            }
            LocalDate until = p.to() == null ? null : p.to().plusDays(1);
            raw.computeIfAbsent(p.municipality(), k -> new ArrayList<>()).add(new Stay(p.municipality(), p.from(),
                    until, null, p, until == null ? null : Stay.EndKind.PLACEMENT_ENDED, null));
        }

        Map<MunicipalityCode, List<Stay>> merged = new HashMap<>();
        for (Map.Entry<MunicipalityCode, List<Stay>> en : raw.entrySet()) {
            List<Stay> list = en.getValue();
            list.sort(STAY_ORDER);
            List<Stay> out = new ArrayList<>();
            Stay cur = null;
            for (Stay s : list) {
                if (s.until() != null && !s.until().isAfter(s.from())) {
                    continue; // contradicted by a later registration elsewhere
                }
                if (cur != null && (cur.until() == null || !s.from().isAfter(cur.until()))) {
                    if (cur.until() != null && (s.until() == null || s.until().isAfter(cur.until()))) {
                        cur = cur.withUntil(s.until(), s.endKind(), s.endFact() != null ? s.endFact() : s.placement());
                    }
                } else {
                    if (cur != null) {
                        out.add(cur);
                    }
                    cur = s;
                }
            }
            if (cur != null) {
                out.add(cur);
            }
            merged.put(en.getKey(), out);
        }
        return merged;
    }

    private boolean ofSnapshotAge(LocalDate date) {
        int age = facts.pin().ageOn(date);
        return age >= MIN_SNAPSHOT_AGE && age <= MAX_SNAPSHOT_AGE;
    }

    private int[] computeChangePoints() {
        int[] pts = new int[16];
        int n = 0;
        for (int start : RULE_SET_STARTS) {
            pts = add(pts, n++, start);
        }
        pts = add(pts, n++, day(twentiethBirthday));
        pts = add(pts, n++, day(compulsoryLastDay) + 1);
        if (firstImmigration != null) {
            pts = add(pts, n++, day(firstImmigration.immigrationDate()));
        }
        for (EnrolmentFact e : enrolments) {
            pts = add(pts, n++, day(e.start()));
            if (e.end() != null) {
                pts = add(pts, n++, day(e.end()) + 1);
                if (e.endReason() == EnrolmentEndReason.BYTE) {
                    // the school change's window closes
                    pts = add(pts, n++, day(e.end()) + settings.schoolChangeDays() + 1);
                }
            }
        }
        for (CredentialFact c : credentials) {
            pts = add(pts, n++, day(effectiveDate(c)));
        }
        for (AdmissionFact a : admitted) {
            pts = add(pts, n++, day(a.start()) + settings.graceDays() + 1);
        }
        for (StatusChange s : statusChanges) {
            pts = add(pts, n++, day(s.from()));
        }
        for (List<Stay> l : stays.values()) {
            for (Stay s : l) {
                pts = add(pts, n++, day(s.from()));
                if (s.until() != null) {
                    pts = add(pts, n++, day(s.until()));
                }
            }
        }
        Arrays.sort(pts, 0, n);
        int unique = 0;
        for (int i = 0; i < n; i++) {
            if (unique == 0 || pts[i] != pts[unique - 1]) {
                pts[unique++] = pts[i];
            }
        }
        return Arrays.copyOf(pts, unique);
    }

    private static int day(LocalDate d) {
        return (int) d.toEpochDay();
    }

    private static int[] add(int[] pts, int at, int value) {
        int[] out = at < pts.length ? pts : Arrays.copyOf(pts, pts.length * 2);
        out[at] = value;
        return out;
    }

    // ----------------------------------------------------------------------------------------
    // Accessors for the rules

    public PersonFacts facts() {
        return facts;
    }

    public TargetGroupSettings settings() {
        return settings;
    }

    public LocalDate twentiethBirthday() {
        return twentiethBirthday;
    }

    List<EnrolmentFact> enrolments() {
        return enrolments;
    }

    /** Credentials in the order they take effect (see {@link #effectiveDate(CredentialFact)}). */
    List<CredentialFact> credentials() {
        return credentials;
    }

    /**
     * The day a credential takes effect: its date, or – when it is dated within
     * {@value #CREDENTIAL_AFTER_COMPLETION_DAYS} days after she completed (FULLFOLJT) an upper-secondary
     * or equivalent programme – the day after that completion. Diplomas are often dated or registered
     * some days after the last school day; without this she would show a false drop-out episode
     * between the two dates.
     */
    LocalDate effectiveDate(CredentialFact c) {
        LocalDate d = effectiveDates.get(c);
        return d != null ? d : c.date();
    }

    static final int CREDENTIAL_AFTER_COMPLETION_DAYS = 120;

    private static LocalDate effectiveDate(CredentialFact c, List<EnrolmentFact> enrolments) {
        LocalDate effective = c.date();
        for (EnrolmentFact e : enrolments) {
            boolean completed = (e.schoolType().isUpperSecondary() || e.schoolType() == se.kaa.intake.SchoolType.MOTSV)
                    && e.endReason() == se.kaa.intake.EnrolmentEndReason.FULLFOLJT && e.end() != null;
            if (completed && e.end().isBefore(c.date())
                    && !e.end().plusDays(CREDENTIAL_AFTER_COMPLETION_DAYS).isBefore(c.date())) {
                LocalDate dayAfter = e.end().plusDays(1);
                if (dayAfter.isBefore(effective)) {
                    effective = dayAfter;
                }
            }
        }
        return effective;
    }

    List<AdmissionFact> admitted() {
        return admitted;
    }

    /** The stays in {@code municipality}, in date order (empty if never there). */
    public List<Stay> staysIn(MunicipalityCode municipality) {
        return stays.getOrDefault(municipality, List.of());
    }

    /** Every municipality she has been listed or placed in, sorted by code. */
    public Set<MunicipalityCode> municipalities() {
        return new TreeSet<>(stays.keySet());
    }

    /** The last day of compulsory schooling (inclusive). */
    public LocalDate compulsoryLastDay() {
        return compulsoryLastDay;
    }

    CompulsoryBasis compulsoryBasis() {
        return compulsoryBasis;
    }

    int compulsoryAge() {
        return compulsoryAge;
    }

    EnrolmentFact lastCompulsoryEnrolment() {
        return lastCompulsoryEnrolment;
    }

    EnrolmentFact firstAnpassadEnrolment() {
        return firstAnpassadEnrolment;
    }

    /** End of the spring term of the year she turns 16: the end of compulsory-school age. */
    public LocalDate schoolAgeEnd() {
        return schoolAgeEnd;
    }

    PopulationFact firstImmigration() {
        return firstImmigration;
    }

    /** First folkbokförd in Sweden after compulsory-school age, with no Swedish compulsory-school record. */
    public boolean immigratedAfterSchoolAge() {
        return immigratedAfterSchoolAge;
    }

    /** The folkbokföring status change in force on {@code date}, or {@code null} (normal throughout). */
    StatusChange statusOn(LocalDate date) {
        StatusChange found = null;
        for (StatusChange s : statusChanges) {
            if (s.from().isAfter(date)) {
                break;
            }
            found = s;
        }
        return found;
    }

    /** Every date on which any condition can change, as epoch days, ascending. */
    int[] changePoints() {
        return changePoints;
    }

    /**
     * Her first change point after {@code day}, or {@code null} when none is left: until that day,
     * without new facts, walking up to any later day visits the same change points, so her episodes
     * stay what they are on {@code day} (the knownOn of a school change's window is a change point
     * too: the day after its last day). What lets the daily recomputation skip her until then.
     */
    public LocalDate nextChangeAfter(LocalDate day) {
        int d = (int) day.toEpochDay();
        int at = Arrays.binarySearch(changePoints, d + 1);
        int i = at >= 0 ? at : -at - 1;
        return i < changePoints.length ? LocalDate.ofEpochDay(changePoints[i]) : null;
    }

    @Override
    public String toString() {
        return "PersonContext[changePoints=" + changePoints.length + "]";
    }
}
