package se.kaa.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import se.kaa.shared.PersonalIdentityNumber.InvalidException;
import se.kaa.shared.PersonalIdentityNumber.Reason;

/**
 * Runs {@link PersonalIdentityNumber} against every test number Skatteverket publishes
 * ({@code /work/shared/testdata}, see its README). The only literal numbers in this class are
 * Skatteverket test numbers ({@link #literalNumbersAreSkatteverketTestNumbers()} checks it); every
 * invalid number is derived from one in code.
 */
@se.kaa.testsupport.ProcessLane
class PersonalIdentityNumberTest {

    /** Overrides the folder holding testpersonnummer.txt and testsamordningsnummer.txt. */
    static final String TESTDATA_PROPERTY = "kaa.testdata.dir";
    static final Path DEFAULT_TESTDATA = Path.of("..", "shared", "testdata");

    /** A fixed reference date, after every birth in the test data (the latest is 2023-12-31). */
    static final LocalDate REFERENCE = LocalDate.of(2026, 6, 1);

    // Skatteverket test numbers used by name below.
    static final String BORN_1890 = "189001019802";
    static final String BORN_1926_JUNE = "192606058119";
    static final String BORN_1990 = "199001012385";
    static final String BORN_2007_MARCH = "200703012385";
    static final String BORN_29_FEB_2004 = "200402292395";
    static final String BORN_29_FEB_2000 = "200002292399";
    static final String LATEST = "202312312388";
    static final String COORDINATION_1914 = "191401682396";
    static final String COORDINATION_29_FEB_2020 = "202002892392";
    static final String COORDINATION_UNKNOWN_MONTH = "191500722390";   // month 00, day 12
    static final String COORDINATION_UNKNOWN_DAY = "191806602395";     // June, day 00 (60)
    static final String COORDINATION_UNKNOWN_MONTH_AND_DAY = "193100602394";
    static final String COORDINATION_2007_UNKNOWN_MONTH = "200700852387"; // month 00, day 25
    static final List<String> LITERALS = List.of(BORN_1890, BORN_1926_JUNE, BORN_1990, BORN_2007_MARCH,
            BORN_29_FEB_2004, BORN_29_FEB_2000, LATEST, COORDINATION_1914, COORDINATION_29_FEB_2020,
            COORDINATION_UNKNOWN_MONTH,
            COORDINATION_UNKNOWN_DAY, COORDINATION_UNKNOWN_MONTH_AND_DAY, COORDINATION_2007_UNKNOWN_MONTH);

    static List<String> personnummer;
    static List<String> samordningsnummer;
    static List<String> all;

    @BeforeAll
    static void readTestNumbers() throws IOException {
        String override = System.getProperty(TESTDATA_PROPERTY);
        Path dir = override == null || override.isBlank() ? DEFAULT_TESTDATA : Path.of(override);
        personnummer = read(dir.resolve("testpersonnummer.txt"));
        samordningsnummer = read(dir.resolve("testsamordningsnummer.txt"));
        all = new ArrayList<>(personnummer);
        all.addAll(samordningsnummer);
    }

    private static List<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            fail("Skatteverket's test numbers are missing: " + file.toAbsolutePath()
                    + " (set -D" + TESTDATA_PROPERTY + "=<folder> to read them from elsewhere)");
        }
        // distinct(): testpersonnummer.txt repeats two numbers (202001092390, 202101012397).
        List<String> numbers = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        assertThat(numbers).as(file.toString()).isNotEmpty().allMatch(s -> s.matches("\\d{12}"));
        return numbers;
    }

    @Test
    void theTestDataIsComplete() {
        // 21,728 and 2,240 numbers when this was written; a truncated copy would weaken every test here.
        assertThat(personnummer).hasSizeGreaterThan(20_000);
        assertThat(samordningsnummer).hasSizeGreaterThan(2_000);
        assertThat(all).doesNotHaveDuplicates();
    }

    @Test
    void literalNumbersAreSkatteverketTestNumbers() {
        assertThat(all).containsAll(LITERALS);
    }

    // ---------------------------------------------------------------- every test number parses

    @Nested
    class EveryTestNumberParses {

        @Test
        void inTwelveDigitForm() {
            assertAllParse(n -> n, REFERENCE);
        }

        @Test
        void inTwelveDigitFormWithHyphen() {
            assertAllParse(n -> n.substring(0, 8) + "-" + n.substring(8), REFERENCE);
        }

        @Test
        void inTwelveDigitFormWithSurroundingWhitespace() {
            assertAllParse(n -> "  " + n + "\t", REFERENCE);
        }

        @Test
        void inTenDigitFormWithTheSeparatorForTheAgeOnTheReferenceDate() {
            assertAllParse(n -> tenDigit(n, REFERENCE), REFERENCE);
        }

        @Test
        void inTenDigitFormAgainstOtherReferenceDates() {
            for (LocalDate reference : List.of(LocalDate.of(2023, 12, 31), LocalDate.of(2024, 2, 29),
                    LocalDate.of(2030, 1, 1), LocalDate.of(2089, 12, 31))) {
                assertAllParse(n -> tenDigit(n, reference), reference);
            }
        }

        @Test
        void inTenDigitFormWithoutSeparatorWhenYoungerThan100() {
            SoftAssertions softly = new SoftAssertions();
            for (String n : all) {
                if (age(n, REFERENCE) < 100) {
                    softly.assertThat(PersonalIdentityNumber.parse(n.substring(2), REFERENCE).value())
                            .as(n).isEqualTo(n);
                }
            }
            softly.assertAll();
        }

        @Test
        void withPlusFromTheCalendarYearThePersonTurns100() {
            // Skatteverket: "Det år en person fyller 100 år byts bindestrecket ... ut mot ett plustecken"
            // (18 § andra stycket folkbokföringslagen), so on 1 January of that year the + already
            // applies although the person is still 99.
            SoftAssertions softly = new SoftAssertions();
            int checked = 0;
            for (String n : all) {
                LocalDate birth = birthDate(n);
                if (birth.getYear() + 100 > 2099) {
                    continue;
                }
                LocalDate newYear = LocalDate.of(birth.getYear() + 100, 1, 1);
                String plus = ten(n, '+');
                softly.assertThat(PersonalIdentityNumber.parse(plus, newYear).value()).as(plus + " on " + newYear)
                        .isEqualTo(n);
                checked++;
            }
            softly.assertAll();
            assertThat(checked).isGreaterThan(10_000);
        }

        @Test
        void theCenturyOfA99YearOldsNumberWithPlusIsTheOneHeTurns100In() {
            // Born 5 June 1926: on 1 January 2026 still 99, but 2026 is the year he turns 100.
            String plus = ten(BORN_1926_JUNE, '+');
            assertThat(PersonalIdentityNumber.parse(plus, LocalDate.of(2026, 1, 1)).value()).isEqualTo(BORN_1926_JUNE);
            assertThat(PersonalIdentityNumber.parse(plus, LocalDate.of(2026, 6, 4)).value()).isEqualTo(BORN_1926_JUNE);
            assertThat(PersonalIdentityNumber.parse(plus, LocalDate.of(2026, 6, 5)).value()).isEqualTo(BORN_1926_JUNE);
            // The hyphen that systems counting the exact age still write also resolves to 1926.
            assertThat(PersonalIdentityNumber.parse(ten(BORN_1926_JUNE, '-'), LocalDate.of(2026, 6, 4)).value())
                    .isEqualTo(BORN_1926_JUNE);
            // The year before he turns 100, + means 1826.
            assertThat(PersonalIdentityNumber.parse(plus, LocalDate.of(2025, 12, 31)).value()).startsWith("18");
        }

        @Test
        void theHyphenMeansTheLatestCenturyNotInTheFuture() {
            // 1890-01-01 written with a hyphen is the 1990 number, with a plus the 1890 one.
            assertThat(PersonalIdentityNumber.parse(ten(BORN_1890, '-'), REFERENCE).value())
                    .isEqualTo("19" + BORN_1890.substring(2));
            assertThat(PersonalIdentityNumber.parse(ten(BORN_1890, '+'), REFERENCE).value()).isEqualTo(BORN_1890);
            assertThat(PersonalIdentityNumber.parse(ten(BORN_2007_MARCH, '-'), REFERENCE).value())
                    .isEqualTo(BORN_2007_MARCH);
            // On the day before the birth in 2007 the same text is the 1907 number.
            assertThat(PersonalIdentityNumber.parse(ten(BORN_2007_MARCH, '-'), LocalDate.of(2007, 2, 28)).value())
                    .isEqualTo("19" + BORN_2007_MARCH.substring(2));
        }

        @Test
        void samordningsnummerAreCoordinationNumbersBornOnDayMinus60() {
            SoftAssertions softly = new SoftAssertions();
            for (String n : samordningsnummer) {
                PersonalIdentityNumber pin = PersonalIdentityNumber.parse(n, REFERENCE);
                softly.assertThat(pin.isCoordinationNumber()).as(n).isTrue();
                int month = Integer.parseInt(n.substring(4, 6));
                int day = Integer.parseInt(n.substring(6, 8));
                softly.assertThat(day).as(n).isBetween(60, 91);
                boolean complete = month != 0 && day != 60;
                softly.assertThat(pin.isBirthDateComplete()).as(n).isEqualTo(complete);
                if (complete) {
                    softly.assertThat(pin.birthDate()).as(n).isEqualTo(LocalDate.of(
                            Integer.parseInt(n.substring(0, 4)), month, day - 60));
                }
            }
            softly.assertAll();
            assertThat(PersonalIdentityNumber.parse(COORDINATION_1914, REFERENCE).birthDate())
                    .isEqualTo(LocalDate.of(1914, 1, 8));
            assertThat(PersonalIdentityNumber.parse(COORDINATION_29_FEB_2020, REFERENCE).birthDate())
                    .isEqualTo(LocalDate.of(2020, 2, 29));
        }

        @Test
        void samordningsnummerMayHaveAnUnknownMonthOrDay() {
            // Skatteverket assigns samordningsnummer with month 00 and/or day 00 (written 60) when
            // the month or day of birth cannot be established; 170 of its test numbers are such.
            // birthDate() is then the first possible day, and isBirthDateComplete() is false.
            PersonalIdentityNumber month = PersonalIdentityNumber.parse(COORDINATION_UNKNOWN_MONTH, REFERENCE);
            assertThat(month.isCoordinationNumber()).isTrue();
            assertThat(month.isBirthDateComplete()).isFalse();
            assertThat(month.birthDate()).isEqualTo(LocalDate.of(1915, 1, 12));
            assertThat(month.formatted()).isEqualTo("19150072-2390");

            PersonalIdentityNumber day = PersonalIdentityNumber.parse(COORDINATION_UNKNOWN_DAY, REFERENCE);
            assertThat(day.isCoordinationNumber()).isTrue();
            assertThat(day.isBirthDateComplete()).isFalse();
            assertThat(day.birthDate()).isEqualTo(LocalDate.of(1918, 6, 1));

            PersonalIdentityNumber both = PersonalIdentityNumber.parse(COORDINATION_UNKNOWN_MONTH_AND_DAY, REFERENCE);
            assertThat(both.isCoordinationNumber()).isTrue();
            assertThat(both.isBirthDateComplete()).isFalse();
            assertThat(both.birthDate()).isEqualTo(LocalDate.of(1931, 1, 1));
            assertThat(both.masked()).isEqualTo("19310060-****");

            PersonalIdentityNumber young =
                    PersonalIdentityNumber.parse(ten(COORDINATION_2007_UNKNOWN_MONTH, '-'), REFERENCE);
            assertThat(young.value()).isEqualTo(COORDINATION_2007_UNKNOWN_MONTH);
            assertThat(young.birthDate()).isEqualTo(LocalDate.of(2007, 1, 25));
            assertThat(young.ageOn(REFERENCE)).isEqualTo(19);

            assertThat(PersonalIdentityNumber.parse(COORDINATION_1914, REFERENCE).isBirthDateComplete()).isTrue();
        }

        @Test
        void anUnknownMonthOrDayIsOnlyInTheFutureWhenTheWholeYearOrMonthIs() {
            // The first possible day decides: born some time in 2007 is not in the future on 1 January 2007.
            assertThat(PersonalIdentityNumber.parse(COORDINATION_2007_UNKNOWN_MONTH, LocalDate.of(2007, 1, 25)).value())
                    .isEqualTo(COORDINATION_2007_UNKNOWN_MONTH);
            assertThat(reasonFor(COORDINATION_2007_UNKNOWN_MONTH, LocalDate.of(2007, 1, 24))).isEqualTo(Reason.FUTURE);
        }

        @Test
        void personnummerAreNotCoordinationNumbers() {
            SoftAssertions softly = new SoftAssertions();
            for (String n : personnummer) {
                PersonalIdentityNumber pin = PersonalIdentityNumber.parse(n, REFERENCE);
                softly.assertThat(pin.isCoordinationNumber()).as(n).isFalse();
                softly.assertThat(pin.isBirthDateComplete()).as(n).isTrue();
                softly.assertThat(pin.birthDate()).as(n).isEqualTo(birthDate(n));
            }
            softly.assertAll();
        }

        @Test
        void isValidAgrees() {
            assertThat(all).allMatch(n -> PersonalIdentityNumber.isValid(n, REFERENCE));
            assertThat(all).allMatch(n -> PersonalIdentityNumber.isValid(tenDigit(n, REFERENCE), REFERENCE));
        }

        @Test
        void ofStoredAcceptsTwelveDigitsWithoutAReferenceDate() {
            assertThat(all).allMatch(n -> PersonalIdentityNumber.ofStored(n).value().equals(n));
        }

        @Test
        void parseWithoutReferenceDateUsesToday() {
            assertThat(PersonalIdentityNumber.parse(BORN_2007_MARCH).value()).isEqualTo(BORN_2007_MARCH);
            assertThat(PersonalIdentityNumber.parse(ten(BORN_2007_MARCH, '-')).value()).isEqualTo(BORN_2007_MARCH);
        }

        private void assertAllParse(Function<String, String> form, LocalDate reference) {
            SoftAssertions softly = new SoftAssertions();
            for (String n : all) {
                String text = form.apply(n);
                try {
                    PersonalIdentityNumber pin = PersonalIdentityNumber.parse(text, reference);
                    softly.assertThat(pin.value()).as(text + " on " + reference).isEqualTo(n);
                } catch (InvalidException e) {
                    softly.fail(text + " on " + reference + " was refused: " + e.reason());
                }
            }
            softly.assertAll();
        }
    }

    // ---------------------------------------------------------------- refused with the precise reason

    @Nested
    class Refused {

        @Test
        void everyTestNumberWithAnotherCheckDigitHasAWrongCheckDigit() {
            SoftAssertions softly = new SoftAssertions();
            for (String n : all) {
                String altered = withDigit(n, 11, (n.charAt(11) - '0' + 1) % 10);
                softly.assertThat(reasonFor(altered, REFERENCE)).as(altered).isEqualTo(Reason.CHECK_DIGIT);
                String alteredTen = tenDigit(altered, REFERENCE);
                softly.assertThat(reasonFor(alteredTen, REFERENCE)).as(alteredTen).isEqualTo(Reason.CHECK_DIGIT);
            }
            softly.assertAll();
        }

        @Test
        void everyOtherCheckDigitIsWrong() {
            for (String n : LITERALS) {
                for (int d = 0; d <= 9; d++) {
                    if (d != n.charAt(11) - '0') {
                        String altered = withDigit(n, 11, d);
                        assertThat(reasonFor(altered, REFERENCE)).as(altered).isEqualTo(Reason.CHECK_DIGIT);
                        assertThat(reasonFor(altered.substring(0, 8) + "-" + altered.substring(8), REFERENCE))
                                .isEqualTo(Reason.CHECK_DIGIT);
                    }
                }
            }
        }

        @Test
        void aChangedBirthNumberDigitOrSwappedDigitsAreCaughtByTheCheckDigit() {
            // Luhn catches every single-digit change and every swap of two different neighbours.
            String n = BORN_1990;
            for (int i = 8; i <= 10; i++) {
                for (int d = 0; d <= 9; d++) {
                    if (d != n.charAt(i) - '0') {
                        assertThat(reasonFor(withDigit(n, i, d), REFERENCE)).isEqualTo(Reason.CHECK_DIGIT);
                    }
                }
            }
            String swapped = n.substring(0, 9) + n.charAt(10) + n.charAt(9) + n.charAt(11); // ...2385 -> ...2835
            assertThat(swapped).isNotEqualTo(n);
            assertThat(reasonFor(swapped, REFERENCE)).isEqualTo(Reason.CHECK_DIGIT);
        }

        @Test
        void impossibleDates() {
            String n = BORN_1990; // 1990 is not a leap year
            // Month 00 and day 00 exist only in samordningsnummer (month 00, day 60 = day 00 + 60).
            for (String monthDay : List.of("1301", "0001", "0031", "0431", "0631", "0229", "0230", "0100",
                    "1232", "0132", "0192", "0092", "1360", "1392", "0491", "0289", "0290", "9901", "0059")) {
                String twelve = n.substring(0, 4) + monthDay + n.substring(8);
                assertThat(reasonFor(twelve, REFERENCE)).as(twelve).isEqualTo(Reason.DATE);
                assertThat(reasonFor(twelve.substring(0, 8) + "-" + twelve.substring(8), REFERENCE))
                        .as(twelve).isEqualTo(Reason.DATE);
                String ten = twelve.substring(2, 8) + "-" + twelve.substring(8);
                assertThat(reasonFor(ten, REFERENCE)).as(ten).isEqualTo(Reason.DATE);
                assertThat(reasonFor(twelve.substring(2, 8) + "+" + twelve.substring(8), REFERENCE))
                        .as(ten).isEqualTo(Reason.DATE);
            }
        }

        @Test
        void the29thOfFebruaryOnlyInLeapYears() {
            String leap = BORN_29_FEB_2004;
            assertThat(PersonalIdentityNumber.isValid(leap, REFERENCE)).isTrue();
            for (String year : List.of("2003", "2005", "1900", "2100", "1899")) {
                String noLeap = year + leap.substring(4);
                assertThat(reasonFor(noLeap, LocalDate.of(2200, 1, 1))).as(noLeap).isEqualTo(Reason.DATE);
            }
            // 000229+NNNC: 1900 was no leap year, so there is no such date for a centenarian in 2026.
            assertThat(reasonFor(ten(BORN_29_FEB_2000, '+'), REFERENCE)).isEqualTo(Reason.DATE);
            assertThat(PersonalIdentityNumber.parse(ten(BORN_29_FEB_2000, '-'), REFERENCE).value())
                    .isEqualTo(BORN_29_FEB_2000);
            // 040229+NNNC is 1904, a leap year.
            assertThat(PersonalIdentityNumber.parse(ten(BORN_29_FEB_2004, '+'), REFERENCE).value())
                    .isEqualTo("19" + BORN_29_FEB_2004.substring(2));
        }

        @Test
        void bornAfterTheReferenceDateIsInTheFuture() {
            LocalDate birth = LocalDate.of(2023, 12, 31);
            assertThat(reasonFor(LATEST, birth.minusDays(1))).isEqualTo(Reason.FUTURE);
            assertThat(reasonFor(LATEST.substring(0, 8) + "-" + LATEST.substring(8), birth.minusDays(1)))
                    .isEqualTo(Reason.FUTURE);
            assertThat(reasonFor(LATEST, LocalDate.of(1990, 1, 1))).isEqualTo(Reason.FUTURE);
            assertThat(PersonalIdentityNumber.parse(LATEST, birth).value()).as("born on the reference date")
                    .isEqualTo(LATEST);
            SoftAssertions softly = new SoftAssertions();
            for (String n : all) {
                LocalDate before = birthDate(n).minusDays(1);
                softly.assertThat(reasonFor(n, before)).as(n).isEqualTo(Reason.FUTURE);
            }
            softly.assertAll();
        }

        @Test
        void aTenDigitNumberIsNeverInTheFutureButOfThePreviousCentury() {
            assertThat(PersonalIdentityNumber.parse(ten(LATEST, '-'), LocalDate.of(2023, 12, 30)).value())
                    .isEqualTo("19" + LATEST.substring(2));
        }

        @Test
        void ofStoredSkipsTheFutureCheckButNotTheOthers() {
            assertThat(PersonalIdentityNumber.ofStored(LATEST).value()).isEqualTo(LATEST);
            assertThat(reasonFor(() -> PersonalIdentityNumber.ofStored(withDigit(LATEST, 11, 9))))
                    .isEqualTo(Reason.CHECK_DIGIT);
            assertThat(reasonFor(() -> PersonalIdentityNumber.ofStored("20231331" + LATEST.substring(8))))
                    .isEqualTo(Reason.DATE);
            assertThat(reasonFor(() -> PersonalIdentityNumber.ofStored(null))).isEqualTo(Reason.EMPTY);
        }

        @Test
        void ofStoredNeedsTwelveDigits() {
            // A stored value always carries its century; a 10-digit text is a format error.
            assertThat(reasonFor(() -> PersonalIdentityNumber.ofStored(BORN_1990.substring(2))))
                    .isEqualTo(Reason.FORMAT);
            assertThat(reasonFor(() -> PersonalIdentityNumber.ofStored(ten(BORN_1990, '-')))).isEqualTo(Reason.FORMAT);
            assertThat(reasonFor(() -> PersonalIdentityNumber.ofStored(ten(BORN_1990, '+')))).isEqualTo(Reason.FORMAT);
        }

        @Test
        void garbageIsAFormatError() {
            String n = BORN_1990;
            String ten = n.substring(2);
            List<String> garbage = new ArrayList<>(List.of(
                    "abcdefghijkl",
                    "ÅÅÅÅMMDD-NNNN",
                    "YYMMDD-NNNC",
                    n.substring(0, 8) + "-ABCD",
                    n.substring(0, 11) + "X",
                    "X" + n.substring(1),
                    n.replace('0', 'O'),
                    n.substring(1),                                           // 11 digits
                    n.substring(3),                                           // 9 digits
                    n.substring(4),                                           // 8 digits
                    n + "0",                                                  // 13 digits
                    n.substring(0, 8) + "-" + n.substring(9),                 // 11 characters, 3 after -
                    n.substring(0, 8) + "--" + n.substring(8),                // two separators
                    n.substring(0, 8) + "-+" + n.substring(8),
                    ten.substring(0, 6) + "+-" + ten.substring(6),
                    n.substring(0, 4) + "-" + n.substring(4, 8) + "-" + n.substring(8),
                    ten.substring(0, 2) + "-" + ten.substring(2, 6) + "-" + ten.substring(6),
                    ten.substring(0, 6) + "-" + ten.substring(6) + "-",
                    n.substring(0, 7) + "-" + n.substring(7),                 // separator in the wrong place
                    n.substring(0, 9) + "-" + n.substring(9),
                    ten.substring(0, 5) + "-" + ten.substring(5),
                    ten.substring(0, 7) + "-" + ten.substring(7),
                    "-" + n,
                    n + "-",
                    "+" + ten,
                    "-", "+", "--", "-1234",
                    n.substring(0, 8) + "+" + n.substring(8),                 // + with the century written
                    n.substring(0, 8) + " " + n.substring(8),                 // other separators
                    n.substring(0, 8) + "/" + n.substring(8),
                    n.substring(0, 8) + "–" + n.substring(8),                 // en dash
                    ten.substring(0, 6) + " " + ten.substring(6),
                    n.substring(0, 4) + " " + n.substring(4),
                    "١٩٩٠٠١٠١٢٣٨٥",                                           // Arabic-Indic digits
                    "１９９００１０１２３８５",                                    // full-width digits
                    n.substring(0, 6) + "\u0000" + n.substring(6)));
            SoftAssertions softly = new SoftAssertions();
            for (String text : garbage) {
                softly.assertThat(reasonFor(text, REFERENCE)).as("\"" + text + "\"").isEqualTo(Reason.FORMAT);
                softly.assertThat(PersonalIdentityNumber.isValid(text, REFERENCE)).as(text).isFalse();
            }
            softly.assertAll();
        }

        @Test
        void emptyBlankAndNullAreEmpty() {
            for (String text : new String[] {null, "", " ", "   ", "\t", "\n", " \r\n ", "\u2003"}) {
                assertThat(reasonFor(text, REFERENCE)).as("\"" + text + "\"").isEqualTo(Reason.EMPTY);
                assertThat(PersonalIdentityNumber.isValid(text, REFERENCE)).isFalse();
            }
        }

        @Test
        void aReferenceDateIsRequired() {
            assertThatThrownBy(() -> PersonalIdentityNumber.parse(BORN_1990, null))
                    .isInstanceOf(NullPointerException.class);
        }

        @Test
        void theExceptionNeverContainsTheText() {
            List<String> texts = new ArrayList<>();
            for (String n : LITERALS) {
                texts.add(withDigit(n, 11, (n.charAt(11) - '0' + 1) % 10));
                texts.add(n.substring(0, 4) + "1301" + n.substring(8));
                texts.add(n.substring(1));
                texts.add(n.substring(2, 8) + "-" + n.substring(8, 11) + "X");
            }
            texts.add(LATEST);
            for (String text : texts) {
                InvalidException e = catchInvalid(() -> PersonalIdentityNumber.parse(text, LocalDate.of(2000, 1, 1)));
                assertThat(e.getMessage()).startsWith("Personal identity number ")
                        .doesNotContain(text).doesNotContain(text.substring(text.length() - 4))
                        .doesNotContainPattern("\\d{4}");
                assertThat(e.getMessage()).isEqualTo("Personal identity number " + e.reason().description());
            }
        }

        @Test
        void reasonsHaveMessageKeys() {
            assertThat(Reason.values()).extracting(Reason::messageKey).containsExactly(
                    "pin.invalid.EMPTY", "pin.invalid.FORMAT", "pin.invalid.DATE", "pin.invalid.FUTURE",
                    "pin.invalid.CHECK_DIGIT");
        }
    }

    // ---------------------------------------------------------------- presentation and equality

    @Nested
    class Presentation {

        @Test
        void valueFormattedMasked() {
            PersonalIdentityNumber pin = PersonalIdentityNumber.parse(ten(BORN_1990, '-'), REFERENCE);
            assertThat(pin.value()).isEqualTo("199001012385");
            assertThat(pin.formatted()).isEqualTo("19900101-2385");
            assertThat(pin.masked()).isEqualTo("19900101-****");
            assertThat(pin.toString()).isEqualTo("19900101-****");
            assertThat(pin.birthDate()).isEqualTo(LocalDate.of(1990, 1, 1));

            PersonalIdentityNumber coordination = PersonalIdentityNumber.parse(COORDINATION_1914, REFERENCE);
            assertThat(coordination.formatted()).isEqualTo("19140168-2396");
            assertThat(coordination.masked()).isEqualTo("19140168-****");
        }

        @Test
        void toStringNeverContainsTheLastFourDigits() {
            SoftAssertions softly = new SoftAssertions();
            for (String n : all) {
                PersonalIdentityNumber pin = PersonalIdentityNumber.parse(n, REFERENCE);
                String shown = pin.toString();
                softly.assertThat(shown).as(n).isEqualTo(pin.masked())
                        .isEqualTo(n.substring(0, 8) + "-****")
                        .doesNotContain(n)
                        .doesNotContain(n.substring(2))
                        .doesNotContain(pin.formatted())
                        .doesNotContain("-" + n.substring(8))
                        .endsWith("-****");
                softly.assertThat(shown.substring(8)).as(n).doesNotContainPattern("\\d");
                softly.assertThat(String.valueOf(pin)).as(n).isEqualTo(shown);
                softly.assertThat(List.of(pin).toString()).as(n).doesNotContain("-" + n.substring(8));
            }
            softly.assertAll();
        }

        @Test
        void valueAndFormattedRoundTrip() {
            SoftAssertions softly = new SoftAssertions();
            for (String n : all) {
                PersonalIdentityNumber pin = PersonalIdentityNumber.parse(n, REFERENCE);
                softly.assertThat(pin.value()).as(n).isEqualTo(n);
                softly.assertThat(pin.formatted()).as(n).isEqualTo(n.substring(0, 8) + "-" + n.substring(8));
                softly.assertThat(PersonalIdentityNumber.parse(pin.formatted(), REFERENCE)).as(n).isEqualTo(pin);
                softly.assertThat(PersonalIdentityNumber.ofStored(pin.value())).as(n).isEqualTo(pin);
            }
            softly.assertAll();
        }

        @Test
        void tenAndTwelveDigitFormsOfTheSameNumberAreEqual() {
            Set<PersonalIdentityNumber> seen = new HashSet<>();
            SoftAssertions softly = new SoftAssertions();
            for (String n : all) {
                PersonalIdentityNumber twelve = PersonalIdentityNumber.parse(n, REFERENCE);
                PersonalIdentityNumber ten = PersonalIdentityNumber.parse(tenDigit(n, REFERENCE), REFERENCE);
                softly.assertThat(ten).as(n).isEqualTo(twelve).hasSameHashCodeAs(twelve);
                softly.assertThat(ten.compareTo(twelve)).as(n).isZero();
                softly.assertThat(seen.add(ten)).as(n).isTrue();
            }
            softly.assertAll();
            assertThat(seen).hasSize(all.size());
        }

        @Test
        void differentNumbersDiffer() {
            PersonalIdentityNumber a = PersonalIdentityNumber.parse(BORN_1990, REFERENCE);
            PersonalIdentityNumber b = PersonalIdentityNumber.parse(BORN_2007_MARCH, REFERENCE);
            assertThat(a).isNotEqualTo(b).isNotEqualTo(null).isNotEqualTo(BORN_1990);
            assertThat(a.compareTo(b)).isNegative();
            assertThat(b.compareTo(a)).isPositive();
            // Same ten digits, different century.
            assertThat(PersonalIdentityNumber.parse(ten(BORN_1890, '-'), REFERENCE))
                    .isNotEqualTo(PersonalIdentityNumber.parse(ten(BORN_1890, '+'), REFERENCE));
        }
    }

    // ---------------------------------------------------------------- age and birthdays

    @Nested
    class Age {

        @Test
        void ageOnAndTheTwentiethBirthday() {
            PersonalIdentityNumber pin = PersonalIdentityNumber.parse(BORN_2007_MARCH, REFERENCE); // 2007-03-01
            assertThat(pin.birthday(20)).isEqualTo(LocalDate.of(2027, 3, 1));
            assertThat(pin.birthday(16)).isEqualTo(LocalDate.of(2023, 3, 1));
            assertThat(pin.birthday(0)).isEqualTo(pin.birthDate());
            assertThat(pin.ageOn(LocalDate.of(2027, 2, 28))).isEqualTo(19);
            assertThat(pin.ageOn(LocalDate.of(2027, 3, 1))).isEqualTo(20);
            assertThat(pin.ageOn(REFERENCE)).isEqualTo(19);
            assertThat(pin.ageOn(pin.birthDate())).isZero();
            assertThat(pin.ageOn(LocalDate.of(2008, 2, 29))).isZero();
            assertThat(pin.ageOn(LocalDate.of(2008, 3, 1))).isEqualTo(1);
        }

        @Test
        void bornOn29FebruaryAgesOn28FebruaryInOtherYears() {
            // Lag (1930:173) om beräkning av lagstadgad tid, 1 §: when the end month has no matching
            // day, its last day is the end day, so a 29 February child turns a year older on 28 February.
            PersonalIdentityNumber pin = PersonalIdentityNumber.parse(BORN_29_FEB_2004, REFERENCE);
            assertThat(pin.birthDate()).isEqualTo(LocalDate.of(2004, 2, 29));
            assertThat(pin.birthday(20)).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(pin.birthday(19)).isEqualTo(LocalDate.of(2023, 2, 28));
            assertThat(pin.birthday(21)).isEqualTo(LocalDate.of(2025, 2, 28));
            assertThat(pin.ageOn(LocalDate.of(2024, 2, 28))).isEqualTo(19);
            assertThat(pin.ageOn(LocalDate.of(2024, 2, 29))).isEqualTo(20);
            assertThat(pin.ageOn(LocalDate.of(2023, 2, 27))).isEqualTo(18);
            assertThat(pin.ageOn(LocalDate.of(2023, 2, 28))).isEqualTo(19);
            assertThat(pin.ageOn(LocalDate.of(2023, 3, 1))).isEqualTo(19);
            assertThat(pin.ageOn(LocalDate.of(2025, 2, 28))).isEqualTo(21);

            PersonalIdentityNumber coordination = PersonalIdentityNumber.parse(COORDINATION_29_FEB_2020, REFERENCE);
            assertThat(coordination.birthday(1)).isEqualTo(LocalDate.of(2021, 2, 28));
            assertThat(coordination.ageOn(LocalDate.of(2021, 2, 28))).isEqualTo(1);
            assertThat(coordination.ageOn(LocalDate.of(2021, 2, 27))).isZero();
            assertThat(coordination.birthday(20)).isEqualTo(LocalDate.of(2040, 2, 29));
        }

        @Test
        void ageOnAgreesWithBirthdayForEveryTestNumber() {
            SoftAssertions softly = new SoftAssertions();
            int leapDayBirths = 0;
            for (String n : all) {
                PersonalIdentityNumber pin = PersonalIdentityNumber.parse(n, REFERENCE);
                boolean leapDay = pin.birthDate().getMonthValue() == 2 && pin.birthDate().getDayOfMonth() == 29;
                if (leapDay) {
                    leapDayBirths++;
                }
                for (int age : leapDay ? new int[] {1, 2, 3, 4, 16, 19, 20, 21, 100} : new int[] {16, 20}) {
                    LocalDate birthday = pin.birthday(age);
                    softly.assertThat(pin.ageOn(birthday)).as(n + " on " + birthday).isEqualTo(age);
                    softly.assertThat(pin.ageOn(birthday.minusDays(1))).as(n + " before " + birthday)
                            .isEqualTo(age - 1);
                }
                if (!leapDay) {
                    softly.assertThat(pin.ageOn(REFERENCE)).as(n)
                            .isEqualTo(Period.between(pin.birthDate(), REFERENCE).getYears());
                }
            }
            softly.assertAll();
            assertThat(leapDayBirths).isGreaterThan(10);
        }

        /**
         * A query over birth dates ({@code bornOnOrBefore}: "aged A" is born after the date for A + 1
         * and on or before the one for A) finds exactly the persons {@code ageOn} gives that age, on every
         * day of four years and for births on every day of eight years, 29 February included.
         */
        @Test
        void bornOnOrBeforeAgreesWithAgeOnOnEveryDay() {
            int checked = 0;
            for (LocalDate day = LocalDate.of(2026, 1, 1); day.isBefore(LocalDate.of(2030, 1, 1)); day = day.plusDays(1)) {
                for (int age : new int[] {16, 17, 19, 20}) {
                    LocalDate latest = PersonalIdentityNumber.bornOnOrBefore(age, day);
                    for (LocalDate birth = latest.minusDays(3); !birth.isAfter(latest.plusDays(3)); birth = birth.plusDays(1)) {
                        assertThat(!birth.isAfter(latest)).as("born " + birth + ", " + age + " or older on " + day)
                                .isEqualTo(PersonalIdentityNumber.ageOn(birth, day) >= age);
                        checked++;
                    }
                }
            }
            for (LocalDate birth = LocalDate.of(2004, 1, 1); birth.isBefore(LocalDate.of(2012, 1, 1)); birth = birth.plusDays(1)) {
                LocalDate day = birth.plusYears(18);
                assertThat(!birth.isAfter(PersonalIdentityNumber.bornOnOrBefore(18, day))).as("born " + birth + " on " + day)
                        .isEqualTo(PersonalIdentityNumber.ageOn(birth, day) >= 18);
                assertThat(!birth.isAfter(PersonalIdentityNumber.bornOnOrBefore(18, day.minusDays(1))))
                        .as("born " + birth + " the day before " + day).isEqualTo(PersonalIdentityNumber.ageOn(birth, day.minusDays(1)) >= 18);
            }
            assertThat(checked).isGreaterThan(40_000);
            assertThat(PersonalIdentityNumber.bornOnOrBefore(18, LocalDate.of(2026, 2, 28))).as("she turns 18 on 28 February")
                    .isEqualTo(LocalDate.of(2008, 2, 29));
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The date of birth, or for a samordningsnummer with month or day 00 the first possible date. */
    static LocalDate birthDate(String twelve) {
        int month = Integer.parseInt(twelve.substring(4, 6));
        int day = Integer.parseInt(twelve.substring(6, 8));
        if (day >= 60) {
            day -= 60;
            month = Math.max(month, 1);
            day = Math.max(day, 1);
        }
        return LocalDate.of(Integer.parseInt(twelve.substring(0, 4)), month, day);
    }

    static int age(String twelve, LocalDate on) {
        return Period.between(birthDate(twelve), on).getYears();
    }

    /** {@code YYMMDD-NNNC}, or {@code YYMMDD+NNNC} for a person aged 100 or more on {@code reference}. */
    static String tenDigit(String twelve, LocalDate reference) {
        char separator = age(twelve, reference) >= 100 ? '+' : '-';
        return twelve.substring(2, 8) + separator + twelve.substring(8);
    }

    static String ten(String twelve, char separator) {
        return twelve.substring(2, 8) + separator + twelve.substring(8);
    }

    static String withDigit(String text, int index, int digit) {
        return text.substring(0, index) + (char) ('0' + digit) + text.substring(index + 1);
    }

    static Reason reasonFor(String text, LocalDate reference) {
        return reasonFor(() -> PersonalIdentityNumber.parse(text, reference));
    }

    static Reason reasonFor(Runnable parse) {
        return catchInvalid(parse).reason();
    }

    static InvalidException catchInvalid(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidException");
    }
}
