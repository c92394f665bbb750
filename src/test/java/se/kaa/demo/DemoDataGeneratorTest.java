package se.kaa.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import se.kaa.demo.DemoData.AdmissionRow;
import se.kaa.demo.DemoData.CredentialRow;
import se.kaa.demo.DemoData.CsvFile;
import se.kaa.demo.DemoData.DemoPerson;
import se.kaa.demo.DemoData.EnrolmentRow;
import se.kaa.demo.DemoData.PopulationRow;
import se.kaa.demo.DemoData.Snapshot;
import se.kaa.intake.AdmissionDecision;
import se.kaa.intake.CredentialType;
import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.ImportKind;
import se.kaa.intake.RegistrationStatus;
import se.kaa.intake.SchoolType;
import se.kaa.platform.Installation;
import se.kaa.shared.PersonalIdentityNumber;

@se.kaa.testsupport.ProcessLane
class DemoDataGeneratorTest {

    static final List<PersonalIdentityNumber> POOL = TestPersonnummer.load();

    static DemoData generate(String date) {
        return DemoDataGenerator.generate(LocalDate.parse(date), POOL);
    }

    // ------------------------------------------------------------------ determinism and size

    @Test
    void sameDateGivesTheSameDataAndAnotherDateOtherData() {
        DemoData a = generate("2026-11-22");
        List<PersonalIdentityNumber> reversed = new ArrayList<>(POOL);
        java.util.Collections.reverse(reversed);
        DemoData b = DemoDataGenerator.generate(LocalDate.parse("2026-11-22"), reversed);

        assertThat(b.files()).isEqualTo(a.files());
        assertThat(b.persons()).isEqualTo(a.persons());
        assertThat(generate("2026-11-23").files()).isNotEqualTo(a.files());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22", "2027-03-01", "2029-09-15", "2026-07-10", "2027-08-27", "2028-06-14", "2031-02-01"})
    void aboutTwoHundredDistinctPersonsOfTheDemoMunicipality(String date) {
        DemoData data = generate(date);

        assertThat(data.persons()).hasSizeBetween(190, 210);
        assertThat(data.persons().stream().map(DemoPerson::pin).distinct()).hasSameSizeAs(data.persons());
        assertThat(data.municipality()).isEqualTo(Installation.DEMO_MUNICIPALITY);
        assertThat(data.snapshots()).allSatisfy(s -> assertThat(s.rows())
                .allSatisfy(r -> assertThat(r.municipality()).isEqualTo(Installation.DEMO_MUNICIPALITY)));
        // Everyone in a file is a demo person, and every registered demo person is in the latest snapshot or an earlier one.
        Set<PersonalIdentityNumber> persons = data.persons().stream().map(DemoPerson::pin).collect(Collectors.toSet());
        assertThat(allPins(data)).isSubsetOf(persons);
    }

    // ------------------------------------------------------------------ only test numbers

    @Test
    void everyNumberIsFromTheShippedTestListAndFromSkatteverketsFiles() throws IOException {
        Set<PersonalIdentityNumber> shipped = new HashSet<>(POOL);
        Set<PersonalIdentityNumber> skatteverket = skatteverketsTestNumbers();
        for (String date : List.of("2026-11-22", "2027-03-01", "2029-09-15", "2026-07-10", "2031-02-01")) {
            DemoData data = generate(date);
            assertThat(allPins(data)).isSubsetOf(shipped).isSubsetOf(skatteverket);
            assertThat(data.persons().stream().map(DemoPerson::pin)).allMatch(shipped::contains);
        }
    }

    @Test
    void theShippedListHoldsEveryTestNumberBorn2002To2016AndNothingElse() throws IOException {
        // Samordningsnummer with an unknown month or day (00) have no exact age, so the demo leaves them out.
        Set<PersonalIdentityNumber> expected = skatteverketsTestNumbers().stream()
                .filter(PersonalIdentityNumber::isBirthDateComplete)
                .filter(pin -> pin.birthDate().getYear() >= 2002 && pin.birthDate().getYear() <= 2016)
                .collect(Collectors.toSet());

        assertThat(POOL).doesNotHaveDuplicates();
        assertThat(new HashSet<>(POOL)).isEqualTo(expected);
        assertThat(POOL).filteredOn(PersonalIdentityNumber::isCoordinationNumber).isNotEmpty();
    }

    /** Skatteverket's lists as kept in ../shared/testdata (only on machines that have them). */
    static Set<PersonalIdentityNumber> skatteverketsTestNumbers() throws IOException {
        Path dir = Stream.of(Path.of("../shared/testdata"), Path.of("/work/shared/testdata"))
                .filter(p -> Files.isRegularFile(p.resolve("testpersonnummer.txt"))).findFirst().orElse(null);
        assumeThat(dir).as("Skatteverket's test number files in ../shared/testdata").isNotNull();
        Set<PersonalIdentityNumber> numbers = new HashSet<>();
        for (String file : List.of("testpersonnummer.txt", "testsamordningsnummer.txt")) {
            for (String line : Files.readAllLines(dir.resolve(file))) {
                if (!line.isBlank() && PersonalIdentityNumber.isValid(line.strip(), LocalDate.MAX)) {
                    numbers.add(PersonalIdentityNumber.ofStored(line.strip()));
                }
            }
        }
        return numbers;
    }

    // ------------------------------------------------------------------ the canonical formats

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22", "2029-09-15"})
    void filesHaveTheCanonicalHeadersAndWellFormedRows(String date) {
        DemoData data = generate(date);
        List<CsvFile> files = data.files();

        assertThat(files).extracting(CsvFile::kind).containsExactly(ImportKind.FOLKBOKFORING, ImportKind.FOLKBOKFORING,
                ImportKind.FOLKBOKFORING, ImportKind.INSKRIVNINGAR, ImportKind.EXAMINA, ImportKind.ANTAGNING);
        Map<ImportKind, String> headers = Map.of(
                ImportKind.FOLKBOKFORING, "personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status",
                ImportKind.INSKRIVNINGAR, "personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak",
                ImportKind.EXAMINA, "personnummer;typ;datum",
                ImportKind.ANTAGNING, "personnummer;skolenhetskod;programkod;besked;startdatum");
        for (CsvFile file : files) {
            List<String> lines = file.content().lines().toList();
            String header = headers.get(file.kind());
            assertThat(lines.get(0)).as(file.fileName()).isEqualTo(header);
            assertThat(lines).as(file.fileName()).hasSizeGreaterThan(1);
            int columns = header.split(";").length;
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split(";", -1);
                assertThat(fields).as(line).hasSize(columns);
                assertThat(fields[0]).matches("\\d{12}");
                assertThat(line).doesNotContain("\"");
                for (int i = 1; i < fields.length; i++) {
                    String column = header.split(";")[i];
                    if (column.endsWith("datum") || column.equals("folkbokford_sedan")) {
                        assertThat(fields[i]).as(column).matches("(\\d{4}-\\d{2}-\\d{2})?");
                    }
                }
            }
        }
        assertThat(files.get(3).content()).contains(";GY;").contains(";GR;").contains(";VUX;").contains(";FHS;");
        assertThat(data.snapshots().get(0).toCsv()).contains(";9999;").contains(";NEJ;NORMAL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22", "2027-03-01", "2029-09-15", "2026-07-10", "2027-08-27", "2028-06-14", "2031-02-01"})
    void datesAreConsistent(String date) {
        DemoData data = generate(date);
        LocalDate today = data.today();

        assertThat(data.snapshots()).hasSize(3);
        assertThat(data.snapshots()).extracting(Snapshot::asOf)
                .isSortedAccordingTo(Comparator.naturalOrder())
                .allMatch(d -> d.isBefore(today))
                .containsExactly(today.minusMonths(12), today.minusMonths(6), today.minusMonths(1));
        for (Snapshot s : data.snapshots()) {
            assertThat(s.rows()).allSatisfy(r -> {
                assertThat(r.registeredSince()).isBeforeOrEqualTo(s.asOf()).isAfterOrEqualTo(r.pin().birthDate());
                if (r.immigrationDate() != null) {
                    assertThat(r.immigrationDate()).isBeforeOrEqualTo(r.registeredSince());
                }
                assertThat(r.pin().ageOn(s.asOf())).isBetween(15, 20);
                assertThat(r.pin().isCoordinationNumber()).isFalse();
            });
            assertThat(s.rows().stream().map(PopulationRow::pin).distinct()).hasSameSizeAs(s.rows());
        }
        assertThat(data.enrolments()).allSatisfy(e -> {
            assertThat(e.start()).isBeforeOrEqualTo(today).isAfter(e.pin().birthDate().plusYears(6));
            if (e.end() != null) {
                assertThat(e.end()).isAfterOrEqualTo(e.start()).isBefore(today);
                assertThat(e.endReason()).isNotNull();
            } else {
                assertThat(e.endReason()).isNull();
            }
            assertThat(e.schoolUnit().value()).matches("\\d{8}");
            if (e.schoolType() == SchoolType.GY || e.schoolType() == SchoolType.GYS) {
                assertThat(e.programme()).isNotBlank();
                assertThat(e.start()).isAfterOrEqualTo(LocalDate.of(e.pin().birthDate().getYear() + 16, 8, 1));
            }
        });
        // No one is enrolled in two upper-secondary programmes at once.
        byPerson(data.enrolments(), EnrolmentRow::pin).values().forEach(list -> {
            List<EnrolmentRow> gy = list.stream().filter(e -> upperSecondary(e.schoolType())).toList();
            for (int i = 1; i < gy.size(); i++) {
                assertThat(gy.get(i - 1).end()).isNotNull().isBefore(gy.get(i).start());
            }
        });
        // The import's natural keys: one row per key.
        assertThat(data.enrolments().stream().map(e -> List.of(e.pin(), e.schoolUnit(), e.schoolType(), e.programme(), e.start())).distinct())
                .hasSameSizeAs(data.enrolments());
        assertThat(data.admissions().stream().map(a -> List.of(a.pin(), a.schoolUnit(), a.programme(), a.start())).distinct())
                .hasSameSizeAs(data.admissions());
        assertThat(data.credentials().stream().distinct()).hasSameSizeAs(data.credentials());
        assertThat(data.credentials()).allSatisfy(c -> assertThat(c.date()).isBefore(today));
        assertThat(data.admissions()).allSatisfy(a -> assertThat(a.start()).isBefore(today.plusMonths(3)));
    }

    // ------------------------------------------------------------------ the situations, from the facts

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22", "2027-03-01", "2029-09-15", "2026-07-10", "2027-08-27", "2028-06-14", "2031-02-01"})
    void everySituationOccurs(String date) {
        Facts f = new Facts(generate(date));
        LocalDate today = f.today;

        // Drop-outs: left a GY programme (AVBROTT), nothing upper-secondary since, at various dates.
        List<LocalDate> dropOuts = f.persons.stream().filter(pin -> f.isOutsideUpperSecondary(pin))
                .map(f::lastUpperSecondary).filter(Objects::nonNull)
                .filter(e -> e.endReason() == EnrolmentEndReason.AVBROTT && !e.isIntroductoryProgramme())
                .map(EnrolmentRow::end).sorted().toList();
        assertThat(dropOuts).hasSizeGreaterThanOrEqualTo(15);
        assertThat(ChronoUnit.DAYS.between(dropOuts.get(0), dropOuts.get(dropOuts.size() - 1))).isGreaterThan(365);

        // Studiebevis without examen; examen holders.
        assertThat(f.count(pin -> f.has(pin, CredentialType.STUDIEBEVIS) && !f.hasDiploma(pin))).isGreaterThanOrEqualTo(3);
        assertThat(f.count(pin -> f.has(pin, CredentialType.GYEX_HOG))).isGreaterThanOrEqualTo(1);
        assertThat(f.count(pin -> f.has(pin, CredentialType.GYEX_YRK) || f.has(pin, CredentialType.GYEX_HOG))).isGreaterThanOrEqualTo(5);

        // Never started: left grundskolan, never enrolled in upper secondary.
        assertThat(f.count(pin -> f.leftGrundskola(pin) && f.upperSecondary(pin).isEmpty() && f.admitted(pin).isEmpty()))
                .isGreaterThanOrEqualTo(1);

        // Grade-9 leavers admitted for the latest autumn: most started, some did not.
        LocalDate latestAutumn = f.admissions.stream().filter(a -> a.decision() == AdmissionDecision.ANTAGEN)
                .map(AdmissionRow::start).filter(d -> !d.isAfter(today)).max(Comparator.naturalOrder()).orElseThrow();
        Predicate<PersonalIdentityNumber> admittedLatest = pin -> f.admitted(pin).stream().anyMatch(a -> a.start().equals(latestAutumn));
        assertThat(f.count(pin -> admittedLatest.test(pin) && f.upperSecondary(pin).stream().anyMatch(e -> e.start().equals(latestAutumn))))
                .isGreaterThanOrEqualTo(5);
        assertThat(f.count(pin -> admittedLatest.test(pin) && f.upperSecondary(pin).isEmpty())).isGreaterThanOrEqualTo(1);

        // Introduktionsprogram: current pupils (out of the group) and former pupils who left.
        assertThat(f.count(pin -> f.upperSecondary(pin).stream().anyMatch(e -> e.isIntroductoryProgramme() && e.covers(today))))
                .isGreaterThanOrEqualTo(3);
        assertThat(f.count(pin -> f.isOutsideUpperSecondary(pin) && f.lastUpperSecondary(pin) != null
                && f.lastUpperSecondary(pin).isIntroductoryProgramme() && f.lastUpperSecondary(pin).endReason() == EnrolmentEndReason.AVBROTT))
                .isGreaterThanOrEqualTo(2);
        assertThat(f.enrolments).extracting(EnrolmentRow::programme).contains("IMA", "IMV", "IMI", "IMS")
                .filteredOn(p -> p.startsWith("IM")).allMatch(p -> p.matches("IM[A-Z]"));

        // Immigrated after compulsory-school age: some not in school, some on språkintroduktion.
        Predicate<PersonalIdentityNumber> lateImmigrant = pin -> f.latestRow(pin) != null && f.latestRow(pin).immigrationDate() != null
                && f.latestRow(pin).immigrationDate().isAfter(LocalDate.of(pin.birthDate().getYear() + 16, 6, 15));
        assertThat(f.count(pin -> lateImmigrant.test(pin) && f.upperSecondary(pin).isEmpty())).isGreaterThanOrEqualTo(2);
        assertThat(f.count(pin -> lateImmigrant.test(pin) && f.upperSecondary(pin).stream().anyMatch(e -> e.programme().equals("IMS"))))
                .isGreaterThanOrEqualTo(1);
        // … and some who came as children (not INVANDRAD in the KAA sense).
        assertThat(f.latest.rows()).anyMatch(r -> r.immigrationDate() != null && r.pin().ageOn(r.immigrationDate()) < 13);

        // Moving: in an earlier snapshot and missing from the latest at snapshot age = moved out;
        // only in later snapshots with a recent folkbokford_sedan = moved in.
        Snapshot first = f.data.snapshots().get(0);
        Snapshot middle = f.data.snapshots().get(1);
        assertThat(f.count(pin -> (first.lists(pin) || middle.lists(pin)) && !f.latest.lists(pin)
                && pin.ageOn(f.latest.asOf()) <= 20)).isGreaterThanOrEqualTo(4);
        assertThat(f.latest.rows()).filteredOn(r -> !first.lists(r.pin()) && r.registeredSince().isAfter(first.asOf()))
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(f.latest.rows()).filteredOn(r -> !middle.lists(r.pin()) && r.registeredSince().isAfter(middle.asOf()))
                .isNotEmpty();

        // Turning 20 soon (outside school) and turned 20 recently.
        assertThat(f.count(pin -> f.latest.lists(pin) && pin.birthday(20).isAfter(today)
                && !pin.birthday(20).isAfter(today.plusDays(240)) && f.isOutsideUpperSecondary(pin) && !f.hasDiploma(pin)))
                .isGreaterThanOrEqualTo(2);
        assertThat(f.count(pin -> f.latest.lists(pin) && !pin.birthday(20).isAfter(today)
                && pin.birthday(20).isAfter(today.minusDays(331)) && !f.hasDiploma(pin))).isGreaterThanOrEqualTo(2);

        // Protected identity: a few, with no address disclosed.
        assertThat(f.latest.rows()).filteredOn(PopulationRow::protectedIdentity).hasSizeBetween(2, 5)
                .allSatisfy(r -> assertThat(r.address()).isEmpty());
        assertThat(f.latest.rows()).filteredOn(r -> !r.protectedIdentity())
                .allSatisfy(r -> {
                    assertThat(r.address()).isNotBlank();
                    assertThat(r.postalCode()).matches("999\\d\\d");
                    assertThat(r.city()).isEqualTo("Demostad");
                });

        // Komvux and folkhögskola after dropping out.
        assertThat(f.count(pin -> f.isOutsideUpperSecondary(pin) && f.enrolled(pin, SchoolType.VUX))).isGreaterThanOrEqualTo(2);
        assertThat(f.count(pin -> f.isOutsideUpperSecondary(pin) && f.enrolled(pin, SchoolType.FHS))).isGreaterThanOrEqualTo(1);

        // Anpassad gymnasieskola; deceased and emigrated; a samordningsnummer.
        assertThat(f.count(pin -> f.enrolled(pin, SchoolType.GYS))).isGreaterThanOrEqualTo(1);
        assertThat(f.latest.rows()).extracting(PopulationRow::status)
                .contains(RegistrationStatus.AVLIDEN, RegistrationStatus.UTVANDRAD);
        assertThat(f.persons).anyMatch(PersonalIdentityNumber::isCoordinationNumber);
        assertThat(f.enrolments).anyMatch(e -> e.pin().isCoordinationNumber());

        // Schools: about six upper-secondary units with several organisers; the programmes of the product.
        assertThat(f.enrolments.stream().filter(e -> upperSecondary(e.schoolType())).map(e -> e.schoolUnit().value()).distinct())
                .hasSizeBetween(5, 8);
        assertThat(f.enrolments.stream().map(EnrolmentRow::organiser).distinct())
                .contains("Demokommun", "Fria Gymnasiet AB");
        assertThat(f.enrolments).extracting(EnrolmentRow::programme).contains("NA", "TE", "EK", "SA", "EE", "BF", "VO");

        // Every situation of the generator is there.
        assertThat(f.data.persons()).extracting(DemoPerson::situation).containsAll(EnumSet.allOf(Situation.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22", "2027-03-01", "2029-09-15", "2030-05-01"})
    void theMajorityAreOrdinaryPupilsOnNationalProgrammes(String date) {
        Facts f = new Facts(generate(date));

        long ordinary = f.count(pin -> f.upperSecondary(pin).stream()
                .anyMatch(e -> e.covers(f.today) && e.schoolType() == SchoolType.GY && !e.isIntroductoryProgramme()));
        assertThat((double) ordinary / f.persons.size()).isBetween(0.55, 0.75);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2027-11-22", "2028-06-14", "2029-07-15"})
    void whenTheTestNumbersOfPupilAgeRunOutTheRestAreExamenHoldersAndTheYoungest(String date) {
        DemoData data = generate(date);

        // Birth years 2009–2012 are thin in Skatteverket's list: still 200 persons, fewer of them pupils.
        assertThat(data.persons()).hasSize(DemoDataGenerator.SIZE);
        assertThat(persons(data, Situation.ORDINARY_GY)).hasSizeLessThan(100);
        assertThat(persons(data, Situation.EXAMEN).size() + persons(data, Situation.GRADE_9).size()).isGreaterThan(40);
    }

    /**
     * A naive reading of the 2018 rules (PRODUCT.md) over the generated facts agrees with what the
     * generator meant for every person, and the group is a minority of the cohort.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22", "2027-03-01", "2029-09-15", "2026-07-10", "2027-08-27", "2028-06-14", "2031-02-01"})
    void theFactsMakeTheIntendedGroup(String date) {
        Facts f = new Facts(generate(date));

        assertThat(f.data.persons()).allSatisfy(p -> assertThat(f.inGroupToday(p.pin()))
                .as("%s %s", p.situation(), p.pin()).isEqualTo(p.expectedInGroup()));

        long inGroup = f.data.persons().stream().filter(DemoPerson::expectedInGroup).count();
        assertThat(inGroup).isBetween(30L, 60L);
        Set<Situation> inGroupSituations = f.data.persons().stream().filter(DemoPerson::expectedInGroup)
                .map(DemoPerson::situation).collect(Collectors.toSet());
        assertThat(inGroupSituations).contains(Situation.DROP_OUT, Situation.STUDIEBEVIS, Situation.NEVER_STARTED,
                Situation.IM_FORMER, Situation.INVANDRAD, Situation.DROP_OUT_KOMVUX, Situation.DROP_OUT_FOLKHOGSKOLA,
                Situation.TURNING_20_SOON, Situation.MOVED_IN_DROP_OUT);
        assertThat(f.data.persons()).filteredOn(p -> p.situation() == Situation.IM_CURRENT).noneMatch(DemoPerson::expectedInGroup);
        assertThat(f.data.persons()).filteredOn(DemoPerson::protectedIdentity).anyMatch(DemoPerson::expectedInGroup);
    }

    @Test
    void admittedButNotStartedJoinTheGroupOnlyAfterTheGracePeriod() {
        // Autumn term 2027 starts Thursday 19 August; the roll call grace is 14 days.
        assertThat(persons(generate("2027-08-27"), Situation.ADMITTED_NOT_STARTED)).isNotEmpty().noneMatch(DemoPerson::expectedInGroup);
        assertThat(persons(generate("2027-09-15"), Situation.ADMITTED_NOT_STARTED)).isNotEmpty().allMatch(DemoPerson::expectedInGroup);
    }

    // ------------------------------------------------------------------ helpers

    static List<DemoPerson> persons(DemoData data, Situation situation) {
        return data.persons().stream().filter(p -> p.situation() == situation).toList();
    }

    static Set<PersonalIdentityNumber> allPins(DemoData data) {
        Set<PersonalIdentityNumber> pins = new HashSet<>();
        data.snapshots().forEach(s -> s.rows().forEach(r -> pins.add(r.pin())));
        data.enrolments().forEach(e -> pins.add(e.pin()));
        data.credentials().forEach(c -> pins.add(c.pin()));
        data.admissions().forEach(a -> pins.add(a.pin()));
        return pins;
    }

    static boolean upperSecondary(SchoolType type) {
        return type == SchoolType.GY || type == SchoolType.GYS || type == SchoolType.MOTSV;
    }

    static <T> Map<PersonalIdentityNumber, List<T>> byPerson(List<T> rows, java.util.function.Function<T, PersonalIdentityNumber> pin) {
        return rows.stream().collect(Collectors.groupingBy(pin));
    }

    /** The generated facts, indexed by person. */
    static final class Facts {
        final DemoData data;
        final LocalDate today;
        final Snapshot latest;
        final List<PersonalIdentityNumber> persons;
        final List<EnrolmentRow> enrolments;
        final List<AdmissionRow> admissions;
        final Map<PersonalIdentityNumber, List<EnrolmentRow>> enrolmentsOf;
        final Map<PersonalIdentityNumber, List<CredentialRow>> credentialsOf;
        final Map<PersonalIdentityNumber, List<AdmissionRow>> admissionsOf;

        Facts(DemoData data) {
            this.data = data;
            this.today = data.today();
            this.latest = data.latestSnapshot();
            this.persons = data.persons().stream().map(DemoPerson::pin).toList();
            this.enrolments = data.enrolments();
            this.admissions = data.admissions();
            this.enrolmentsOf = byPerson(data.enrolments(), EnrolmentRow::pin);
            this.credentialsOf = byPerson(data.credentials(), CredentialRow::pin);
            this.admissionsOf = byPerson(data.admissions(), AdmissionRow::pin);
        }

        long count(Predicate<PersonalIdentityNumber> p) {
            return persons.stream().filter(p).count();
        }

        List<EnrolmentRow> upperSecondary(PersonalIdentityNumber pin) {
            return enrolmentsOf.getOrDefault(pin, List.of()).stream().filter(e -> DemoDataGeneratorTest.upperSecondary(e.schoolType()))
                    .sorted(Comparator.comparing(EnrolmentRow::start)).toList();
        }

        EnrolmentRow lastUpperSecondary(PersonalIdentityNumber pin) {
            List<EnrolmentRow> list = upperSecondary(pin);
            return list.isEmpty() ? null : list.get(list.size() - 1);
        }

        boolean isOutsideUpperSecondary(PersonalIdentityNumber pin) {
            return upperSecondary(pin).stream().noneMatch(e -> e.covers(today));
        }

        boolean enrolled(PersonalIdentityNumber pin, SchoolType type) {
            return enrolmentsOf.getOrDefault(pin, List.of()).stream().anyMatch(e -> e.schoolType() == type && e.covers(today));
        }

        boolean leftGrundskola(PersonalIdentityNumber pin) {
            return enrolmentsOf.getOrDefault(pin, List.of()).stream()
                    .anyMatch(e -> e.schoolType() == SchoolType.GR && e.endReason() == EnrolmentEndReason.FULLFOLJT);
        }

        boolean has(PersonalIdentityNumber pin, CredentialType type) {
            return credentialsOf.getOrDefault(pin, List.of()).stream().anyMatch(c -> c.type() == type && !c.date().isAfter(today));
        }

        boolean hasDiploma(PersonalIdentityNumber pin) {
            return has(pin, CredentialType.GYEX_HOG) || has(pin, CredentialType.GYEX_YRK)
                    || has(pin, CredentialType.GYSBEVIS) || has(pin, CredentialType.MOTSV_FULLFOLJD);
        }

        List<AdmissionRow> admitted(PersonalIdentityNumber pin) {
            return admissionsOf.getOrDefault(pin, List.of()).stream().filter(a -> a.decision() == AdmissionDecision.ANTAGEN).toList();
        }

        PopulationRow latestRow(PersonalIdentityNumber pin) {
            return latest.rows().stream().filter(r -> r.pin().equals(pin)).findFirst().orElse(null);
        }

        /** PRODUCT.md's six conditions (2018 rules), naively, with the default 15 June and 14-day grace. */
        boolean inGroupToday(PersonalIdentityNumber pin) {
            PopulationRow row = latestRow(pin);
            if (row == null || row.status() != RegistrationStatus.NORMAL) {
                return false; // not folkbokförd here (moved out, never registered), dead or emigrated
            }
            if (!pin.birthday(20).isAfter(today)) {
                return false;
            }
            List<EnrolmentRow> compulsory = enrolmentsOf.getOrDefault(pin, List.of()).stream()
                    .filter(e -> e.schoolType().isCompulsory()).toList();
            boolean adapted = compulsory.stream().anyMatch(e -> e.schoolType() == SchoolType.GRS);
            LocalDate skolpliktEnds = compulsory.stream().map(EnrolmentRow::end).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder())
                    .orElse(LocalDate.of(pin.birthDate().getYear() + (adapted ? 17 : 16), 6, 15));
            boolean inCompulsory = compulsory.stream().anyMatch(e -> e.covers(today));
            boolean immigratedLate = row.immigrationDate() != null
                    && row.immigrationDate().isAfter(LocalDate.of(pin.birthDate().getYear() + 16, 6, 15));
            if ((inCompulsory || !today.isAfter(skolpliktEnds)) && !immigratedLate) {
                return false;
            }
            if (!isOutsideUpperSecondary(pin) || hasDiploma(pin)) {
                return false;
            }
            boolean expectedToStart = admitted(pin).stream().anyMatch(a -> !today.isAfter(a.start().plusDays(14)));
            return !expectedToStart;
        }
    }
}
