package se.kaa.reporting.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static se.kaa.reporting.spec.TestSpecs.H2_FIRST;
import static se.kaa.reporting.spec.TestSpecs.H2_LAST;
import static se.kaa.reporting.spec.TestSpecs.record;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Records against a spec: each column's form, the code lists' validity, every check kind, no personnummer in messages. */
class SpecValidatorTest {

    private final ReturnSpec spec = TestSpecs.spec();

    @Test
    void aGoodRecordHasNoProblems() {
        assertThat(validate(record())).isEmpty();
        assertThat(validate(record("antal", null, "namn", "  ", "avreg", null, "orsak", null, "svar", null))).isEmpty();
    }

    @Test
    void aMissingMandatoryValueIsAnError() {
        assertThat(validate(record("reg", " ", "kommun", null))).extracting(RecordProblem::record, RecordProblem::column,
                RecordProblem::message, RecordProblem::severity).containsExactly(
                tuple(0, "kommun", "Kolumnen kommun: värde saknas, men kolumnen (Kommun) är obligatorisk.", Check.Severity.ERROR),
                tuple(0, "reg", "Kolumnen reg: värde saknas, men kolumnen (Registrerad) är obligatorisk.", Check.Severity.ERROR));
    }

    @Test
    void eachTypeIsChecked() {
        assertThat(messages(record("avreg", "2026-13-01")))
                .containsExactly("Kolumnen avreg: datumet 2026-13-01 är inte ett giltigt datum (ÅÅÅÅ-MM-DD).");
        assertThat(messages(record("avreg", "2026-02-30"))).hasSize(1);
        assertThat(messages(record("avreg", "15/10/2026"))).hasSize(1);
        assertThat(messages(record("antal", "1,5"))).containsExactly("Kolumnen antal: 1,5 är inte ett heltal.");
        assertThat(messages(record("antal", "-12"))).isEmpty();
        assertThat(messages(record("antal", "1234"))).containsExactly("Kolumnen antal: värdet har 4 tecken men får ha högst 3.");
        assertThat(messages(record("namn", "Abcdef"))).containsExactly("Kolumnen namn: värdet har 6 tecken men får ha högst 5.");
        assertThat(messages(record("kommun", "238"))).containsExactly("Kolumnen kommun: 238 är inte en kommunkod (fyra siffror).");
        assertThat(messages(record("period", "2026-H2"))).containsExactly(
                "Kolumnen period: 2026-H2 är inte en period på formen ÅÅÅÅH1 eller ÅÅÅÅH2.");
        assertThat(messages(record("period", "2026H1"))).containsExactly(
                "Kolumnen period: perioden 2026H1 är inte den period som rapporteras (2026H2).");
        assertThat(messages(record("svar", "Ja", "avreg", null, "orsak", null))).containsExactly("Kolumnen svar: Ja är varken J eller N.");
        assertThat(messages(record("a1_typ", "T9"))).containsExactly("Kolumnen a1_typ: koden T9 finns inte i kodlistan typ (Åtgärdstyp).");
    }

    @Test
    void aCodeValidOnlyBeforeThePeriodIsRefused() {
        assertThat(messages(record("orsak", "B"))).containsExactly("Kolumnen orsak: koden B i kodlistan orsak (Avregistreringsorsak) "
                + "gäller inte under perioden 2026-07-01–2026-12-31 (den gäller till och med 2018-06-30).");
        assertThat(SpecValidator.validate(spec, LocalDate.of(2018, 1, 1), LocalDate.of(2018, 6, 30),
                List.of(record("orsak", "B", "period", "2018H1", "reg", "2018-03-01", "avreg", "2018-05-01",
                        "a1_start", "2018-04-01", "a1_slut", "2018-04-30")))).isEmpty();
        assertThat(messages(record("orsak", "C"))).singleElement().asString().contains("gäller inte under perioden",
                "från och med 2027-01-01");
    }

    @Test
    void theLuhnCheckDigitCoversTheLastTenDigits() {
        assertThat(SpecValidator.luhnValid(TestSpecs.PNR)).isTrue();
        assertThat(SpecValidator.luhnValid(TestSpecs.PNR_2)).isTrue();
        assertThat(SpecValidator.luhnValid(TestSpecs.PNR_3)).isTrue();
        assertThat(SpecValidator.luhnValid(TestSpecs.PNR_BAD_CHECK_DIGIT)).isFalse();
        // the century digits are outside the check: changing them keeps the check digit valid
        assertThat(SpecValidator.luhnValid("19" + TestSpecs.PNR.substring(2))).isTrue();
        assertThat(SpecValidator.luhnValid("0801172388")).isFalse();
        assertThat(SpecValidator.luhnValid(null)).isFalse();

        assertThat(messages(record("pnr", TestSpecs.PNR_BAD_CHECK_DIGIT))).containsExactly("Kolumnen pnr: personnumrets kontrollsiffra stämmer inte.");
        assertThat(messages(record("pnr", "20080117-2388"))).containsExactly(
                "Kolumnen pnr: personnumret ska bestå av 12 siffror (ÅÅÅÅMMDDNNNK) utan bindestreck.");
    }

    @Test
    void requiredIfPresent() {
        assertThat(problems(record("orsak", null))).containsExactly(
                tuple("orsak", "Avregistreringsorsak saknas fast avregistreringsdatum finns.", Check.Severity.ERROR));
        assertThat(problems(record("orsak", null, "avreg", null))).isEmpty();
    }

    @Test
    void absentIfAbsent() {
        assertThat(problems(record("a1_start", null))).containsExactly(
                tuple("a1_slut", "Åtgärd 1: slut utan start.", Check.Severity.ERROR));
        assertThat(problems(record("a2_slut", "2026-10-01"))).containsExactly(
                tuple("a2_slut", "Åtgärd 2: slut utan start.", Check.Severity.ERROR));
        assertThat(problems(record("a1_slut", null))).isEmpty();
    }

    @Test
    void notBefore() {
        assertThat(problems(record("a1_slut", "2026-07-31"))).containsExactly(
                tuple("a1_slut", "Åtgärd 1: slut före start.", Check.Severity.ERROR));
        assertThat(problems(record("a1_slut", "2026-08-01"))).as("the same day").isEmpty();
        assertThat(problems(record("a1_slut", "2026-07-32"))).as("an invalid date is reported once, by its column")
                .extracting(p -> p.toList().get(0)).containsExactly("a1_slut");
    }

    @Test
    void withinPeriod() {
        assertThat(problems(record("avreg", "2026-06-30"))).containsExactly(
                tuple("avreg", "Avregistreringsdatum utanför perioden.", Check.Severity.WARNING));
        assertThat(problems(record("avreg", "2027-01-01"))).hasSize(1);
        assertThat(problems(record("avreg", "2026-07-01"))).isEmpty();
        assertThat(problems(record("avreg", "2026-12-31"))).isEmpty();
    }

    @Test
    void notAfterPeriod() {
        assertThat(problems(record("reg", "2027-01-01"))).containsExactly(
                tuple("reg", "Registreringsdatum efter periodens slut.", Check.Severity.ERROR));
        assertThat(problems(record("reg", "2026-12-31"))).isEmpty();
        assertThat(problems(record("reg", "2019-01-01"))).isEmpty();
    }

    @Test
    void oneOfIf() {
        assertThat(problems(record("svar", "N"))).containsExactly(
                tuple("svar", "Svar ska vara J när avregistreringsdatum finns.", Check.Severity.ERROR));
        assertThat(problems(record("svar", null))).as("absent is not one of the values").hasSize(1);
        assertThat(problems(record("svar", "N", "avreg", null, "orsak", null))).isEmpty();
    }

    @Test
    void aColumnIsReportedOnceAndChecksEachSeparately() {
        List<RecordProblem> problems = validate(record("avreg", "2027-01-01", "orsak", null, "svar", "N", "reg", "2027-02-01"));

        assertThat(problems).extracting(RecordProblem::column).containsExactly("orsak", "avreg", "reg", "svar");
        assertThat(messages(record("antal", "12345x"))).as("not an integer, and too long: the first only").hasSize(1);
    }

    @Test
    void aKeyThatIsNoColumnIsAProblemAndRecordsAreIndexed() {
        Map<String, String> typo = record("kommunkod", "2380");
        List<RecordProblem> problems = SpecValidator.validate(spec, H2_FIRST, H2_LAST, List.of(record(), typo));

        assertThat(problems).extracting(RecordProblem::record, RecordProblem::column, RecordProblem::message).containsExactly(
                tuple(1, "kommunkod", "Kolumnen kommunkod finns inte i specifikationen test version 7."));
    }

    @Test
    void aValueTheCharsetCannotHoldIsAProblem() throws SpecProblems {
        ReturnSpec latin1 = ReturnSpecs.parse(TestSpecs.minimal().replace("\"UTF-8\"", "\"ISO-8859-1\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(SpecValidator.validate(latin1, H2_FIRST, H2_LAST, List.of(record("namn", "Åsa")))).isEmpty();
        assertThat(SpecValidator.validate(latin1, H2_FIRST, H2_LAST, List.of(record("namn", "Ŝa")))).extracting(RecordProblem::message)
                .containsExactly("Kolumnen namn: värdet innehåller tecken som inte kan skrivas i filens teckenkodning (ISO-8859-1).");
    }

    @Test
    void thePersonnummerIsInNoMessage() {
        String bad = TestSpecs.PNR_BAD_CHECK_DIGIT;
        // every column gets something wrong, several holding the number itself
        Map<String, String> r = new LinkedHashMap<>();
        r.put("kommun", bad);
        r.put("period", bad);
        r.put("pnr", bad);
        r.put("antal", bad);
        r.put("namn", bad);
        r.put("reg", bad);
        r.put("avreg", bad);
        r.put("orsak", bad);
        r.put("svar", bad);
        r.put("a1_typ", bad);
        r.put("a1_slut", bad);
        r.put(bad, "x");
        List<RecordProblem> problems = validate(r);

        assertThat(problems).hasSizeGreaterThan(10);
        assertThat(problems).extracting(RecordProblem::message).allSatisfy(message -> assertThat(message)
                .doesNotContain(bad).doesNotContain(bad.substring(2)).doesNotContain("0117"));

        // a short, wrong value in the personnummer column that also appears elsewhere is not quoted either
        List<RecordProblem> shortValue = validate(record("pnr", "2026-1", "period", "2026-1"));
        assertThat(shortValue).extracting(RecordProblem::message).hasSize(2).allSatisfy(m -> assertThat(m).doesNotContain("2026-1"));
    }

    @Test
    void theShippedSpecAcceptsAGoodRecordAndRefusesTheIntroductionProgrammeReasonToday() {
        ReturnSpec shipped = ReturnSpecs.shipped();
        Map<String, String> r = new LinkedHashMap<>();
        r.put("kommun", "2380");
        r.put("period", "2026H2");
        r.put("personnummer", TestSpecs.PNR_2);
        r.put("forsta_reg_datum", "2024-09-01");
        r.put("reg_datum", "2026-03-01");
        r.put("reg_orsak", shipped.suggestedMapping("orsak").get("AVBROTT"));
        r.put("kontakt", shipped.suggestedMapping("janej").get("true"));
        r.put("syss_senaste_kontakt", shipped.suggestedMapping("sysselsattning").get("WORK"));
        r.put("atgard1_typ", shipped.suggestedMapping("atgardstyp").get("VAGLEDNING"));
        r.put("atgard1_start", "2026-08-01");
        r.put("atgard1_slut", "2026-09-30");
        r.put("atgard1_tackat_nej", "N");
        r.put("atgard1_syss_efter", shipped.suggestedMapping("sysselsattning").get("STUDIES_KOMVUX"));
        assertThat(SpecValidator.validate(shipped, H2_FIRST, H2_LAST, List.of(r))).isEmpty();

        r.put("reg_orsak", shipped.suggestedMapping("orsak").get("IM"));
        r.put("atgard2_start", "2026-10-01");
        r.put("avreg_datum", "2026-11-30");
        assertThat(SpecValidator.validate(shipped, H2_FIRST, H2_LAST, List.of(r))).extracting(RecordProblem::column)
                .containsExactly("reg_orsak", "avreg_orsak", "atgard2_typ");
    }

    @Test
    void aPeriodEndingBeforeItStartsIsAProgrammingError() {
        assertThatThrownBy(() -> SpecValidator.validate(spec, H2_LAST, H2_FIRST, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private List<RecordProblem> validate(Map<String, String> record) {
        return SpecValidator.validate(spec, H2_FIRST, H2_LAST, new ArrayList<>(List.of(record)));
    }

    private List<String> messages(Map<String, String> record) {
        return validate(record).stream().map(RecordProblem::message).toList();
    }

    private List<org.assertj.core.groups.Tuple> problems(Map<String, String> record) {
        return validate(record).stream().map(p -> tuple(p.column(), p.message(), p.severity())).toList();
    }
}
