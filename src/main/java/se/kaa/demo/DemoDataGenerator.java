package se.kaa.demo;

import static se.kaa.intake.EnrolmentEndReason.AVBROTT;
import static se.kaa.intake.EnrolmentEndReason.BYTE;
import static se.kaa.intake.EnrolmentEndReason.FULLFOLJT;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import se.kaa.demo.DemoData.AdmissionRow;
import se.kaa.demo.DemoData.CredentialRow;
import se.kaa.demo.DemoData.DemoPerson;
import se.kaa.demo.DemoData.EnrolmentRow;
import se.kaa.demo.DemoData.PopulationRow;
import se.kaa.demo.DemoData.Snapshot;
import se.kaa.intake.AdmissionDecision;
import se.kaa.intake.CredentialType;
import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.RegistrationStatus;
import se.kaa.intake.SchoolType;
import se.kaa.platform.Installation;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;
import se.kaa.shared.SchoolUnitCode;

/**
 * Builds the demo municipality (about {@value #SIZE} young people) for a given day: every date –
 * birthdays, snapshots, terms, drop-outs – is relative to {@code today}, and the same day and pool
 * always give the same data (the random generator is seeded with the date).
 *
 * <p>Persons are drawn from a pool of Skatteverket's test numbers by date of birth: each
 * {@link Situation} needs people of a certain school cohort or age (a drop-out needs to have
 * started upper secondary, someone "turning 20 soon" a birthday in the coming months), so the
 * most demanding situations pick first, and the ordinary pupils fill up the rest. The school
 * calendar: autumn term from about 19 August, spring term from about 9 January, ending about
 * 12 June; grundskolan ends the spring the person turns 16, a national programme takes three years.
 *
 * <p>Plain Java: no Spring, no database.
 */
public final class DemoDataGenerator {

    /** How many persons the demo municipality has (fewer only when the pool runs out). */
    public static final int SIZE = 200;
    private static final int EXAMEN_LATER = 2;

    private static final MunicipalityCode MUNICIPALITY = Installation.DEMO_MUNICIPALITY;
    private static final int GRACE_DAYS = 14;

    private record School(SchoolUnitCode code, String name, String organiser, SchoolType type, List<String> programmes) {
        School(String code, String name, String organiser, SchoolType type, String... programmes) {
            this(new SchoolUnitCode(code), name, organiser, type, List.of(programmes));
        }
    }

    private static final School NORRA = new School("99990101", "Demostads gymnasium Norra", "Demokommun",
            SchoolType.GY, "NA", "EK", "SA", "TE");
    private static final School YRKES = new School("99990102", "Demostads gymnasium Yrkescentrum", "Demokommun",
            SchoolType.GY, "EE", "BF", "VO", "TE");
    private static final School INTRO = new School("99990103", "Demostads gymnasium Introduktion", "Demokommun",
            SchoolType.GY, "IMA", "IMV", "IMI", "IMS");
    private static final School ANPASSAD = new School("99990104", "Demostads anpassade gymnasieskola", "Demokommun",
            SchoolType.GYS, "HVO", "ESV", "AHV");
    private static final School FRIA = new School("99990201", "Fria Gymnasiet Demostad", "Fria Gymnasiet AB",
            SchoolType.GY, "NA", "EK", "SA", "TE");
    private static final School TEKNISKA = new School("99990301", "Demostads Tekniska Gymnasium",
            "Teknikgymnasierna i Norden AB", SchoolType.GY, "TE", "EE", "NA");
    private static final School KVARNBACKEN = new School("99990501", "Kvarnbackens skola", "Demokommun",
            SchoolType.GR, "");
    private static final School SJOBRINKEN = new School("99990502", "Sjöbrinkens skola", "Demokommun",
            SchoolType.GR, "");
    private static final School KVARNBACKEN_ANPASSAD = new School("99990503", "Kvarnbackens skola, anpassad grundskola",
            "Demokommun", SchoolType.GRS, "");
    private static final School KOMVUX = new School("99990601", "Komvux Demostad", "Demokommun", SchoolType.VUX, "");
    private static final School FOLKHOGSKOLA = new School("99990701", "Demosjö folkhögskola",
            "Demosjö folkhögskoleförening", SchoolType.FHS, "");
    /** In the neighbouring (equally fictional) municipality: where those who moved in went before. */
    private static final School GRANNSTAD = new School("99980101", "Grannstads gymnasium", "Grannstads kommun",
            SchoolType.GY, "NA", "EK", "SA", "BF", "VO");

    /** The school units of the demo, for the school unit register: pages show "Name (code)". */
    public static List<se.kaa.intake.SchoolUnits.Unit> schoolUnits() {
        return java.util.stream.Stream.of(NORRA, YRKES, INTRO, ANPASSAD, FRIA, TEKNISKA, KVARNBACKEN, SJOBRINKEN,
                        KVARNBACKEN_ANPASSAD, KOMVUX, FOLKHOGSKOLA, GRANNSTAD)
                .map(s -> new se.kaa.intake.SchoolUnits.Unit(s.code().value(), s.name(), s.organiser(),
                        java.util.EnumSet.of(s.type()),
                        s == GRANNSTAD ? null : se.kaa.platform.Installation.DEMO_MUNICIPALITY))
                .toList();
    }

    /** National-programme schools, the municipality's own twice: they are the bigger ones. */
    private static final List<School> NATIONAL = List.of(NORRA, NORRA, YRKES, YRKES, FRIA, TEKNISKA);
    private static final Set<String> VOCATIONAL = Set.of("EE", "BF", "VO");

    private final LocalDate today;
    private Random random;
    private final LocalDate[] snapshotDates;
    private final int academicYear;

    private final List<PersonalIdentityNumber> personnummer = new ArrayList<>();
    private final List<PersonalIdentityNumber> samordningsnummer = new ArrayList<>();
    private final Set<PersonalIdentityNumber> used = new HashSet<>();
    private final List<Person> persons = new ArrayList<>();
    private final List<EnrolmentRow> enrolments = new ArrayList<>();
    private final List<CredentialRow> credentials = new ArrayList<>();
    private final List<AdmissionRow> admissions = new ArrayList<>();

    private DemoDataGenerator(LocalDate today, List<PersonalIdentityNumber> pool) {
        this.today = today;
        this.random = new Random(today.toEpochDay() * 7919 + 9999);
        this.snapshotDates = new LocalDate[] {today.minusMonths(12), today.minusMonths(6), today.minusMonths(1)};
        this.academicYear = today.isBefore(autumnStart(today.getYear())) ? today.getYear() - 1 : today.getYear();
        for (PersonalIdentityNumber pin : new TreeSet<>(pool)) {
            (pin.isCoordinationNumber() ? samordningsnummer : personnummer).add(pin);
        }
    }

    /**
     * The demo municipality on {@code today}, with persons drawn from {@code pool} (Skatteverket's
     * test numbers; see {@link TestPersonnummer#load()}).
     */
    public static DemoData generate(LocalDate today, List<PersonalIdentityNumber> pool) {
        return new DemoDataGenerator(today, pool).build();
    }

    // ------------------------------------------------------------------ the situations

    private DemoData build() {
        LocalDate s1 = snapshotDates[0];
        LocalDate s2 = snapshotDates[1];
        LocalDate s3 = snapshotDates[2];

        pick(Situation.SAMORDNINGSNUMMER, 2, samordningsnummer,
                pin -> !gyStart(pin).isAfter(today.minusDays(90)) && turns20After(pin, today.plusDays(60)),
                null, (p, i) -> {
                    p.registered = false;
                    p.newcomer = true;
                    LocalDate start = pickSchoolDay(later(gyStart(p), today.minusDays(700)), today.minusDays(90));
                    if (i == 0) {
                        enrol(p, INTRO, "IMS", start, null, null);
                    } else {
                        enrol(p, INTRO, "IMS", start, pickSchoolDay(start.plusDays(30), today.minusDays(7)), AVBROTT);
                    }
                });

        pick(Situation.TURNING_20_SOON, 3, personnummer,
                pin -> birthday20Within(pin, today.plusDays(7), today.plusDays(120)) && startedGyLongAgo(pin),
                pin -> birthday20Within(pin, today.plusDays(1), today.plusDays(240)) && startedGyLongAgo(pin),
                (p, i) -> {
                    if (i % 2 == 1 && gyEnd(p).isBefore(today)) {
                        studiebevis(p);
                    } else {
                        dropOut(p, nationalChoice(), gyStart(p).plusDays(120), earlier(gyEnd(p).minusDays(1), today.minusDays(1)));
                    }
                });

        pick(Situation.TURNED_20, 3, personnummer,
                pin -> birthday20Within(pin, today.minusDays(150), today.minusDays(1)) && startedGyLongAgo(pin),
                pin -> birthday20Within(pin, today.minusDays(330), today.minusDays(1)) && startedGyLongAgo(pin),
                (p, i) -> {
                    LocalDate birthday = p.pin.birthday(20);
                    if (i % 3 == 1 && gyEnd(p).isBefore(birthday)) {
                        studiebevis(p);
                    } else if (i % 3 == 2) {
                        grundskola(p);
                    } else {
                        dropOut(p, nationalChoice(), gyStart(p).plusDays(30), earlier(gyEnd(p).minusDays(1), birthday.minusDays(60)));
                    }
                });

        pick(Situation.GRADE_9, 6, personnummer,
                pin -> gyStart(pin).isAfter(today) && listedOn(pin, s3), null,
                this::grade9);

        pick(Situation.ADMITTED_NOT_STARTED, 2, personnummer,
                pin -> birthYear(pin) == academicYear - 16 && listedOn(pin, s3), null,
                (p, i) -> {
                    grundskola(p);
                    Choice admitted = nationalChoice();
                    if (i == 1 && !admitted.equals(new Choice(FRIA, "NA"))) {
                        // Reserve for her first choice, admitted to another.
                        admit(p, new Choice(FRIA, "NA"), AdmissionDecision.RESERV, gyStart(p));
                    }
                    admit(p, admitted, AdmissionDecision.ANTAGEN, gyStart(p));
                    p.expectedInGroup = today.isAfter(gyStart(p).plusDays(GRACE_DAYS));
                });

        pick(Situation.GYS, 2, personnummer,
                pin -> !autumnStart(birthYear(pin) + 17).isAfter(today) && today.isBefore(springEnd(birthYear(pin) + 21))
                        && turns20After(pin, today),
                null, (p, i) -> {
                    int b = birthYear(p.pin);
                    enrol(p, KVARNBACKEN_ANPASSAD, "", autumnStart(b + 7), springEnd(b + 17), FULLFOLJT);
                    enrol(p, ANPASSAD, ANPASSAD.programmes().get(i % 3), autumnStart(b + 17), null, null);
                });

        pick(Situation.IM_TO_NATIONAL, 1, personnummer,
                pin -> !autumnStart(birthYear(pin) + 17).isAfter(today) && today.isBefore(springEnd(birthYear(pin) + 20))
                        && turns20After(pin, today),
                null, (p, i) -> {
                    int b = birthYear(p.pin);
                    enrol(p, INTRO, "IMV", gyStart(p), springEnd(b + 17), BYTE);
                    // Admitted to the national programme: a change over the summer is held by the admission,
                    // not by the later enrolment (docs/target-group.md).
                    Choice national = new Choice(YRKES, pickOne(List.of("BF", "VO", "EE")));
                    admit(p, national, AdmissionDecision.ANTAGEN, autumnStart(b + 17));
                    enrol(p, YRKES, national.programme(), autumnStart(b + 17), null, null);
                });

        pick(Situation.STUDIEBEVIS, 4, personnummer,
                pin -> gyEnd(pin).isBefore(today) && turns20After(pin, today.plusDays(30)), null,
                (p, i) -> studiebevis(p));

        pick(Situation.EXAMEN, 8, personnummer,
                pin -> gyEnd(pin).isBefore(today) && listedOn(pin, s3), null,
                this::examen);

        pick(Situation.INVANDRAD_IMS, 2, personnummer,
                pin -> turns20After(pin, today.plusDays(60)) && immigrationWindow(pin, today.minusDays(75)) != null, null,
                (p, i) -> {
                    immigrate(p, immigrationWindow(p.pin, today.minusDays(75)).pick());
                    enrol(p, INTRO, "IMS", weekdayOnOrAfter(p.immigrated.plusDays(20 + random.nextInt(25))), null, null);
                });

        pick(Situation.INVANDRAD, 3, personnummer,
                pin -> turns20After(pin, today.plusDays(60)) && immigrationWindow(pin, s3) != null, null,
                (p, i) -> {
                    Range window = immigrationWindow(p.pin, s3);
                    Range recent = range(later(window.from(), s2.plusDays(1)), window.to());
                    // The first arrived between the two latest snapshots: she is only in the latest.
                    immigrate(p, (i == 0 && recent != null ? recent : window).pick());
                    LocalDate sfi = weekdayOnOrAfter(p.immigrated.plusDays(30 + random.nextInt(30)));
                    if (i == 1 && sfi.isBefore(today)) {
                        enrol(p, KOMVUX, "", sfi, null, null);
                    }
                });

        pick(Situation.IM_CURRENT, 4, personnummer,
                pin -> inGyYears(pin) && listedOn(pin, s3), null,
                (p, i) -> {
                    if (birthYear(p.pin) == academicYear - 16) {
                        grundskola(p);
                    }
                    enrol(p, INTRO, List.of("IMA", "IMV", "IMI", "IMA").get(i % 4), gyStart(p), null, null);
                });

        pick(Situation.IM_FORMER, 3, personnummer,
                pin -> turns20After(pin, today.plusDays(30))
                        && range(gyStart(pin).plusDays(60), earlier(gyEnd(pin).minusDays(1), today.minusDays(14))) != null,
                null, (p, i) -> {
                    LocalDate end = pickSchoolDay(gyStart(p).plusDays(60), earlier(gyEnd(p).minusDays(1), today.minusDays(14)));
                    enrol(p, INTRO, List.of("IMA", "IMI", "IMV").get(i % 3), gyStart(p), end, AVBROTT);
                });

        pick(Situation.NEVER_STARTED, 2, personnummer,
                pin -> !gyStart(pin).plusYears(1).isAfter(today) && turns20After(pin, today.plusDays(30)), null,
                (p, i) -> {
                    grundskola(p);
                    if (i == 0) {
                        admit(p, new Choice(NORRA, "NA"), AdmissionDecision.EJ_ANTAGEN, gyStart(p));
                    }
                });

        pick(Situation.RETURNED, 2, personnummer,
                pin -> turns20After(pin, today) && restartTerm(pin) != null, null,
                (p, i) -> {
                    LocalDate restart = restartTerm(p.pin);
                    Choice first = nationalChoice();
                    dropOut(p, first, gyStart(p).plusDays(30), restart.minusDays(45));
                    Choice second = nationalChoice();
                    while (second.programme().equals(first.programme())) {
                        second = nationalChoice();
                    }
                    enrol(p, second.school(), second.programme(), restart, null, null);
                });

        for (Situation s : List.of(Situation.DECEASED, Situation.EMIGRATED)) {
            pick(s, 1, personnummer,
                    pin -> turns20After(pin, today) && listedOn(pin, s2)
                            && range(gyStart(pin).plusDays(30), earlier(gyEnd(pin).minusDays(1), s2.minusDays(1))) != null,
                    null, (p, i) -> {
                        dropOut(p, nationalChoice(), gyStart(p).plusDays(30), earlier(gyEnd(p).minusDays(1), s2.minusDays(1)));
                        p.statusChanged = pickDate(s2.plusDays(1), s3);
                        p.laterStatus = s == Situation.DECEASED ? RegistrationStatus.AVLIDEN : RegistrationStatus.UTVANDRAD;
                    });
        }

        pick(Situation.MOVED_OUT_PUPIL, 3, personnummer,
                pin -> listedOn(pin, s1) && !gyStart(pin).isAfter(s1) && gyEnd(pin).isAfter(s3), null,
                (p, i) -> {
                    p.movedOut = pickDate(s1.plusDays(1), s3);
                    Choice c = nationalChoice();
                    // The first keeps commuting to her school; the others change to one in the new home town.
                    enrol(p, c.school(), c.programme(), gyStart(p), i == 0 ? null : p.movedOut.minusDays(1), i == 0 ? null : BYTE);
                });

        pick(Situation.MOVED_OUT_DROP_OUT, 3, personnummer,
                pin -> listedOn(pin, s1) && turns20After(pin, today)
                        && range(gyStart(pin).plusDays(30), earlier(gyEnd(pin).minusDays(1), s2.minusDays(14))) != null,
                null, (p, i) -> {
                    LocalDate left = dropOut(p, nationalChoice(), gyStart(p).plusDays(30), earlier(gyEnd(p).minusDays(1), s2.minusDays(14)));
                    p.movedOut = pickDate(later(s1.plusDays(1), left.plusDays(14)), s3);
                });

        pick(Situation.MOVED_IN_PUPIL, 2, personnummer,
                pin -> inGyYears(pin) && listedOn(pin, s3), null,
                (p, i) -> {
                    LocalDate movedIn = pickDate(s1.plusDays(1), s3);
                    p.residentSince = movedIn;
                    Choice c = nationalChoice();
                    if (gyStart(p).isBefore(movedIn)) {
                        String programme = GRANNSTAD.programmes().contains(c.programme()) ? c.programme() : "SA";
                        LocalDate start = weekdayOnOrAfter(movedIn);
                        enrol(p, GRANNSTAD, programme, gyStart(p), start.minusDays(1), BYTE);
                        enrol(p, c.school(), c.programme(), start, null, null);
                    } else {
                        enrol(p, c.school(), c.programme(), gyStart(p), null, null);
                    }
                });

        pick(Situation.MOVED_IN_DROP_OUT, 2, personnummer,
                pin -> turns20After(pin, today.plusDays(30)) && range(later(s1.plusDays(1), gyStart(pin).plusDays(60)), s3) != null,
                null, (p, i) -> {
                    LocalDate movedIn = pickDate(later(s1.plusDays(1), gyStart(p).plusDays(60)), s3);
                    p.residentSince = movedIn;
                    String programme = pickOne(GRANNSTAD.programmes());
                    dropOut(p, new Choice(GRANNSTAD, programme), gyStart(p).plusDays(30), earlier(gyEnd(p).minusDays(1), movedIn.minusDays(1)));
                });

        pick(Situation.DROP_OUT_KOMVUX, 3, personnummer,
                pin -> turns20After(pin, today.plusDays(30))
                        && range(gyStart(pin).plusDays(30), earlier(gyEnd(pin).minusDays(1), today.minusDays(90))) != null,
                null, (p, i) -> {
                    LocalDate left = dropOut(p, nationalChoice(), gyStart(p).plusDays(30), earlier(gyEnd(p).minusDays(1), today.minusDays(90)));
                    enrol(p, KOMVUX, "", weekdayOnOrAfter(left.plusDays(14 + random.nextInt(47))), null, null);
                });

        LocalDate lastTermStart = latestTermStart(today.minusDays(14));
        pick(Situation.DROP_OUT_FOLKHOGSKOLA, 2, personnummer,
                pin -> turns20After(pin, today.plusDays(30))
                        && range(gyStart(pin).plusDays(30), earlier(gyEnd(pin).minusDays(1), lastTermStart.minusDays(14))) != null,
                null, (p, i) -> {
                    LocalDate left = dropOut(p, nationalChoice(), gyStart(p).plusDays(30), earlier(gyEnd(p).minusDays(1), lastTermStart.minusDays(14)));
                    enrol(p, FOLKHOGSKOLA, "", nextTermStart(left.plusDays(14)), null, null);
                });

        int[] recent = {0};
        pick(Situation.DROP_OUT, 18, personnummer,
                pin -> turns20After(pin, today.plusDays(30)) && listedOn(pin, s3)
                        && range(gyStart(pin).plusDays(30), earlier(gyEnd(pin).minusDays(1), today.minusDays(1))) != null,
                null, (p, i) -> {
                    LocalDate from = gyStart(p).plusDays(30);
                    LocalDate to = earlier(gyEnd(p).minusDays(1), today.minusDays(1));
                    // A few left in the last weeks: the new members at the top of the worklist.
                    if (recent[0] < 3 && range(later(from, today.minusDays(30)), to) != null) {
                        recent[0]++;
                        from = later(from, today.minusDays(30));
                    }
                    dropOut(p, nationalChoice(), from, to);
                });

        pick(Situation.ORDINARY_GY, SIZE - EXAMEN_LATER - persons.size(), personnummer,
                pin -> inGyYears(pin) && listedOn(pin, s3), null,
                (p, i) -> ordinaryPupil(p));
        // Birth years 2009–2012 are thin in Skatteverket's list (autumn 2027 to summer 2029 the
        // pupils run out): the rest are what the other 15–20 year-olds are anyway, half the
        // youngest (grade 9, or admitted in the summer) and half examen holders.
        Predicate<PersonalIdentityNumber> youngest = pin -> gyStart(pin).isAfter(today) && listedOn(pin, s3);
        pick(Situation.GRADE_9, (SIZE - EXAMEN_LATER - persons.size()) / 2, personnummer, youngest, null, this::grade9);
        pick(Situation.EXAMEN, SIZE - EXAMEN_LATER - persons.size(), personnummer,
                pin -> gyEnd(pin).isBefore(today) && listedOn(pin, s3), null, this::examen);
        pick(Situation.GRADE_9, SIZE - EXAMEN_LATER - persons.size(), personnummer, youngest, null, this::grade9);

        // In the group after a studiebevis until a gymnasieexamen earned since (at komvux), before 20:
        // a case the unit worked and closed with the exit reason EXAMEN. Chosen last and with random
        // numbers of their own, so that everyone else is much as before this situation.
        Random shared = random;
        random = new Random(today.toEpochDay() * 7919 + 4711);
        pick(Situation.EXAMEN_LATER, EXAMEN_LATER, personnummer,
                pin -> examenLater(pin) != null && listedOn(pin, today), null,
                (p, i) -> {
                    studiebevis(p);
                    credential(p, CredentialType.GYEX_HOG, pickSchoolDay(examenLater(p.pin).from(), examenLater(p.pin).to()));
                });
        random = shared;

        markProtected(Situation.DROP_OUT, Situation.ORDINARY_GY, Situation.NEVER_STARTED);
        return assemble();
    }

    private void examen(Person p, int index) {
        Choice c = nationalChoice();
        enrol(p, c.school(), c.programme(), gyStart(p), gyEnd(p), FULLFOLJT);
        credential(p, VOCATIONAL.contains(c.programme()) ? CredentialType.GYEX_YRK : CredentialType.GYEX_HOG, gyEnd(p));
    }

    private void grade9(Person p, int index) {
        grundskola(p);
        if (grEnd(p).isBefore(today)) {
            // Summer after grade 9: admitted, expected to start in August.
            admit(p, nationalChoice(), AdmissionDecision.ANTAGEN, gyStart(p));
        }
    }

    private void ordinaryPupil(Person p) {
        Choice c = nationalChoice();
        boolean firstYear = birthYear(p.pin) == academicYear - 16;
        if (firstYear) {
            grundskola(p);
            admit(p, c, AdmissionDecision.ANTAGEN, gyStart(p));
        } else if (random.nextInt(100) < 8) {
            p.newcomer = true;
            immigrate(p, pickDate(p.pin.birthDate().plusYears(2), p.pin.birthDate().plusYears(12)));
        }
        Range change = range(gyStart(p).plusDays(14), earlier(gyStart(p).plusDays(70), today.minusDays(5)));
        if (change != null && random.nextInt(100) < 8) {
            // Changed programme in the first weeks of year 1.
            Choice other = nationalChoice();
            LocalDate changed = pickSchoolDay(change.from(), change.to());
            enrol(p, other.school(), other.programme(), gyStart(p), changed, BYTE);
            enrol(p, c.school(), c.programme(), weekdayOnOrAfter(changed.plusDays(1)), null, null);
        } else {
            enrol(p, c.school(), c.programme(), gyStart(p), null, null);
        }
    }

    private void studiebevis(Person p) {
        Choice c = nationalChoice();
        enrol(p, c.school(), c.programme(), gyStart(p), gyEnd(p), FULLFOLJT);
        credential(p, CredentialType.STUDIEBEVIS, gyEnd(p));
    }

    /** Enrols on a national programme from the autumn after grade 9 and leaves it on a day in [from, to]. */
    private LocalDate dropOut(Person p, Choice c, LocalDate from, LocalDate to) {
        LocalDate left = pickSchoolDay(from, to);
        enrol(p, c.school(), c.programme(), gyStart(p), left, AVBROTT);
        return left;
    }

    private void grundskola(Person p) {
        int b = birthYear(p.pin);
        School school = random.nextBoolean() ? KVARNBACKEN : SJOBRINKEN;
        boolean finished = grEnd(p).isBefore(today);
        enrol(p, school, "", autumnStart(b + 7), finished ? grEnd(p) : null, finished ? FULLFOLJT : null);
    }

    private void immigrate(Person p, LocalDate date) {
        p.newcomer = true;
        p.immigrated = date;
        p.residentSince = date;
    }

    private void markProtected(Situation... situations) {
        for (Situation s : situations) {
            persons.stream().filter(p -> p.situation == s && p.registered).findFirst()
                    .ifPresent(p -> p.protectedIdentity = true);
        }
    }

    // ------------------------------------------------------------------ choosing persons

    private interface Builder {
        void build(Person p, int index);
    }

    /**
     * Takes up to {@code count} unused numbers that fit the situation (then, when too few, those
     * that fit {@code fallback}), spread over the birth years that fit, and builds each.
     */
    private void pick(Situation situation, int count, List<PersonalIdentityNumber> pool,
            Predicate<PersonalIdentityNumber> eligible, Predicate<PersonalIdentityNumber> fallback, Builder builder) {
        List<PersonalIdentityNumber> chosen = spread(pool, eligible, count);
        if (chosen.size() < count && fallback != null) {
            used.addAll(chosen);
            chosen.addAll(spread(pool, fallback, count - chosen.size()));
        }
        used.addAll(chosen);
        for (int i = 0; i < chosen.size(); i++) {
            Person p = new Person(chosen.get(i), situation);
            p.expectedInGroup = Boolean.TRUE.equals(situation.inGroup());
            builder.build(p, i);
            persons.add(p);
        }
    }

    /** Round-robin over birth years (each shuffled), so that thin years in the pool still show up. */
    private List<PersonalIdentityNumber> spread(List<PersonalIdentityNumber> pool,
            Predicate<PersonalIdentityNumber> eligible, int count) {
        Map<Integer, List<PersonalIdentityNumber>> byYear = new TreeMap<>();
        for (PersonalIdentityNumber pin : pool) {
            if (!used.contains(pin) && pin.ageOn(today) >= 15 && eligible.test(pin)) {
                byYear.computeIfAbsent(birthYear(pin), y -> new ArrayList<>()).add(pin);
            }
        }
        List<List<PersonalIdentityNumber>> years = new ArrayList<>(byYear.values());
        years.forEach(list -> Collections.shuffle(list, random));
        if (!years.isEmpty()) {
            Collections.rotate(years, random.nextInt(years.size()));
        }
        List<PersonalIdentityNumber> chosen = new ArrayList<>();
        for (int round = 0; chosen.size() < count; round++) {
            boolean any = false;
            for (List<PersonalIdentityNumber> year : years) {
                if (round < year.size() && chosen.size() < count) {
                    chosen.add(year.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return chosen;
    }

    // ------------------------------------------------------------------ facts

    private record Choice(School school, String programme) {
    }

    private Choice nationalChoice() {
        School school = pickOne(NATIONAL);
        return new Choice(school, pickOne(school.programmes()));
    }

    private void enrol(Person p, School school, String programme, LocalDate start, LocalDate end, EnrolmentEndReason reason) {
        enrolments.add(new EnrolmentRow(p.pin, school.code(), school.organiser(), school.type(), programme, start, end, reason));
    }

    private void credential(Person p, CredentialType type, LocalDate date) {
        credentials.add(new CredentialRow(p.pin, type, date));
    }

    private void admit(Person p, Choice c, AdmissionDecision decision, LocalDate start) {
        admissions.add(new AdmissionRow(p.pin, c.school().code(), c.programme(), decision, start));
    }

    private DemoData assemble() {
        List<Snapshot> snapshots = new ArrayList<>();
        persons.sort(Comparator.comparing(p -> p.pin));
        for (Person p : persons) {
            p.givenName = DemoNames.givenName(random, p.female(), p.newcomer);
            p.familyName = DemoNames.familyName(random, p.newcomer);
            String[] address = DemoNames.address(random);
            p.address = address[0];
            p.postalCode = address[1];
            if (p.residentSince == null) {
                // Most were born here; the others moved in as children.
                LocalDate born = p.pin.birthDate();
                p.residentSince = random.nextInt(10) < 7 ? born : pickDate(born.plusYears(1), born.plusYears(14));
            }
        }
        for (LocalDate asOf : snapshotDates) {
            List<PopulationRow> rows = new ArrayList<>();
            for (Person p : persons) {
                if (p.registered && !p.residentSince.isAfter(asOf) && (p.movedOut == null || asOf.isBefore(p.movedOut))
                        && listedOn(p.pin, asOf)) {
                    RegistrationStatus status = p.statusChanged != null && !p.statusChanged.isAfter(asOf)
                            ? p.laterStatus : RegistrationStatus.NORMAL;
                    rows.add(new PopulationRow(p.pin, p.givenName, p.familyName, MUNICIPALITY, p.residentSince,
                            p.immigrated, p.protectedIdentity ? "" : p.address, p.protectedIdentity ? "" : p.postalCode,
                            p.protectedIdentity ? "" : DemoNames.CITY, p.protectedIdentity, status));
                }
            }
            snapshots.add(new Snapshot(asOf, rows));
        }
        Comparator<EnrolmentRow> byPersonAndStart = Comparator.comparing(EnrolmentRow::pin).thenComparing(EnrolmentRow::start);
        enrolments.sort(byPersonAndStart);
        credentials.sort(Comparator.comparing(CredentialRow::pin));
        admissions.sort(Comparator.comparing(AdmissionRow::pin));
        List<DemoPerson> people = persons.stream()
                .map(p -> new DemoPerson(p.pin, p.situation, p.protectedIdentity, p.expectedInGroup))
                .toList();
        return new DemoData(today, MUNICIPALITY, snapshots, enrolments, credentials, admissions, people);
    }

    private static final class Person {
        final PersonalIdentityNumber pin;
        final Situation situation;
        boolean expectedInGroup;
        boolean registered = true;
        boolean newcomer;
        boolean protectedIdentity;
        LocalDate residentSince;
        LocalDate immigrated;
        LocalDate movedOut;
        LocalDate statusChanged;
        RegistrationStatus laterStatus;
        String givenName;
        String familyName;
        String address;
        String postalCode;

        Person(PersonalIdentityNumber pin, Situation situation) {
            this.pin = pin;
            this.situation = situation;
        }

        /** The second-to-last digit is even for women. */
        boolean female() {
            return (pin.value().charAt(10) - '0') % 2 == 0;
        }
    }

    // ------------------------------------------------------------------ calendar and ages

    private static int birthYear(PersonalIdentityNumber pin) {
        return pin.birthDate().getYear();
    }

    static LocalDate autumnStart(int year) {
        return weekdayOnOrAfter(LocalDate.of(year, 8, 19));
    }

    static LocalDate springStart(int year) {
        return weekdayOnOrAfter(LocalDate.of(year, 1, 9));
    }

    static LocalDate springEnd(int year) {
        LocalDate d = LocalDate.of(year, 6, 12);
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.minusDays(1);
        }
        return d;
    }

    private static LocalDate weekdayOnOrAfter(LocalDate d) {
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Grundskolan ends the spring of the year she turns 16. */
    private static LocalDate grEnd(Person p) {
        return springEnd(birthYear(p.pin) + 16);
    }

    private static LocalDate gyStart(PersonalIdentityNumber pin) {
        return autumnStart(birthYear(pin) + 16);
    }

    private static LocalDate gyStart(Person p) {
        return gyStart(p.pin);
    }

    /** The normal end of a three-year national programme started after grade 9. */
    private static LocalDate gyEnd(PersonalIdentityNumber pin) {
        return springEnd(birthYear(pin) + 19);
    }

    private static LocalDate gyEnd(Person p) {
        return gyEnd(p.pin);
    }

    private boolean inGyYears(PersonalIdentityNumber pin) {
        return !gyStart(pin).isAfter(today) && today.isBefore(gyEnd(pin));
    }

    private boolean startedGyLongAgo(PersonalIdentityNumber pin) {
        return gyStart(pin).plusDays(240).isBefore(today);
    }

    /** A folkbokföring extract lists residents aged 15–20 inclusive. */
    private static boolean listedOn(PersonalIdentityNumber pin, LocalDate date) {
        int age = pin.ageOn(date);
        return age >= 15 && age <= 20;
    }

    /** When a studiebevis holder may have earned her examen: two months after school, before 20 and before today. */
    private Range examenLater(PersonalIdentityNumber pin) {
        return range(gyEnd(pin).plusDays(60), earlier(pin.birthday(20).minusDays(1), today.minusDays(5)));
    }

    private static boolean turns20After(PersonalIdentityNumber pin, LocalDate date) {
        return pin.birthday(20).isAfter(date);
    }

    private static boolean birthday20Within(PersonalIdentityNumber pin, LocalDate from, LocalDate to) {
        LocalDate birthday = pin.birthday(20);
        return !birthday.isBefore(from) && !birthday.isAfter(to);
    }

    /** Immigration dates after compulsory-school age (and within two years), up to {@code latest}. */
    private Range immigrationWindow(PersonalIdentityNumber pin, LocalDate latest) {
        LocalDate afterSkolplikt = LocalDate.of(birthYear(pin) + 16, 6, 16);
        return range(later(afterSkolplikt, today.minusDays(730)), latest);
    }

    /** The latest term start at least a year into upper secondary, for someone who started again. */
    private LocalDate restartTerm(PersonalIdentityNumber pin) {
        LocalDate term = latestTermStart(today);
        return term.isBefore(gyStart(pin).plusDays(300)) ? null : term;
    }

    private static LocalDate latestTermStart(LocalDate onOrBefore) {
        int y = onOrBefore.getYear();
        for (LocalDate d : List.of(autumnStart(y), springStart(y), autumnStart(y - 1))) {
            if (!d.isAfter(onOrBefore)) {
                return d;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static LocalDate nextTermStart(LocalDate onOrAfter) {
        int y = onOrAfter.getYear();
        for (LocalDate d : List.of(springStart(y), autumnStart(y), springStart(y + 1))) {
            if (!d.isBefore(onOrAfter)) {
                return d;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    // ------------------------------------------------------------------ random helpers

    private record Range(LocalDate from, LocalDate to, Random random) {
        LocalDate pick() {
            return from.plusDays(random.nextInt((int) (to.toEpochDay() - from.toEpochDay()) + 1));
        }
    }

    /** The inclusive range, or null when it is empty. */
    private Range range(LocalDate from, LocalDate to) {
        return to.isBefore(from) ? null : new Range(from, to, random);
    }

    private LocalDate pickDate(LocalDate from, LocalDate to) {
        Range r = range(from, to);
        if (r == null) {
            throw new IllegalStateException("empty date range " + from + ".." + to);
        }
        return r.pick();
    }

    /** A weekday in term time when the range has one, any day of it otherwise. */
    private LocalDate pickSchoolDay(LocalDate from, LocalDate to) {
        for (int attempt = 0; attempt < 20; attempt++) {
            LocalDate d = pickDate(from, to);
            int y = d.getYear();
            boolean summer = d.isAfter(springEnd(y)) && d.isBefore(autumnStart(y));
            boolean christmas = d.isAfter(LocalDate.of(y, 12, 21)) || d.isBefore(springStart(y));
            if (!summer && !christmas && d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                return d;
            }
        }
        return pickDate(from, to);
    }

    private <T> T pickOne(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
