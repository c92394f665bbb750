package se.kaa.reporting.board;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

import se.kaa.reporting.board.NationalFigures.Figure;
import se.kaa.reporting.board.NationalFigures.PeriodKind;
import se.kaa.reporting.board.NationalFigures.Problem;
import se.kaa.shared.HalfYear;

/** The national figures file: the shipped one, every problem of a broken one, and the lookup. */
class NationalFiguresTest {

    @Test
    void theShippedFileHoldsTheFiguresOfReportingMd() {
        NationalFigures n = NationalFigures.shipped();

        assertThat(n.version()).isEqualTo(1);
        assertThat(n.source()).startsWith("Skolverket");
        assertThat(n.entries()).extracting(e -> e.figure().id() + " " + e.period() + " " + e.value() + (e.approximate() ? " ≈" : ""))
                .containsExactlyInAnyOrder(
                        "youngPeople 2021H2 46300.0", "contact 2021H2 45.0 ≈", "measure 2021H2 22.0 ≈",
                        "youngPeople 2022H2 50300.0", "youngPeopleShare 2022H2 9.0",
                        "youngPeople 2022/23 63861.0", "youngPeopleShare 2022/23 12.0 ≈", "women 2022/23 45.0",
                        "afterMeasureStudies 2018H2 31.0", "afterMeasureWork 2018H2 17.0", "afterMeasureUnknown 2018H2 17.0",
                        "deregisteredToStudies null 50.0 ≈");
    }

    @Test
    void theLookupTakesTheHalfYearOrTheNearestEarlierOne() {
        NationalFigures n = NationalFigures.shipped();

        assertThat(n.lookup(Figure.YOUNG_PEOPLE, new HalfYear(2022, 2)).orElseThrow().period()).isEqualTo("2022H2");
        assertThat(n.lookup(Figure.YOUNG_PEOPLE, new HalfYear(2022, 1)).orElseThrow().period()).isEqualTo("2021H2");
        assertThat(n.lookup(Figure.YOUNG_PEOPLE, new HalfYear(2030, 1)).orElseThrow().period())
                .as("a half-year figure before a later school year").isEqualTo("2022H2");
        assertThat(n.lookup(Figure.YOUNG_PEOPLE, new HalfYear(2021, 1))).as("nothing earlier").isEmpty();
        assertThat(n.lookup(Figure.WOMEN, new HalfYear(2023, 1)).orElseThrow().kind()).isEqualTo(PeriodKind.SCHOOL_YEAR);
        assertThat(n.lookup(Figure.WOMEN, new HalfYear(2022, 2))).as("the school year 2022/23 ends in 2023H1").isEmpty();
        assertThat(n.lookup(Figure.AFTER_MEASURE_WORK, new HalfYear(2019, 1)).orElseThrow().value()).isEqualTo(17.0);
        assertThat(n.lookup(Figure.DEREGISTERED_TO_STUDIES, new HalfYear(2010, 1)).orElseThrow().kind()).isEqualTo(PeriodKind.UNDATED);
        assertThat(n.lookup(Figure.OCCUPATION_KNOWN, new HalfYear(2026, 1))).isEmpty();
        assertThat(NationalFigures.none().lookup(Figure.CONTACT, new HalfYear(2026, 1))).isEmpty();
    }

    /** Each fault is on its own line, noted in the test below. */
    private static final String BROKEN = """
            {
              "version": "ett",
              "sorce": "Skolverket",
              "figures": [
                {"figure": "kontakt", "halfYear": "2021H2", "value": 45},
                {"figure": "contact", "halfYear": "2021H3", "value": 45},
                {"figure": "contact", "schoolYear": "2022/24", "value": 45},
                {"figure": "youngPeople", "halfYear": "2022H2", "value": 50300.5},
                {"figure": "measure", "halfYear": "2021H2", "value": 122},
                {"figure": "measure", "value": 22},
                {"figure": "women", "halfYear": "2022H2", "undated": true, "value": 45},
                {"figure": "women", "schoolYear": "2022/23", "value": "45", "approximate": "ja"},
                {"figure": "contact", "halfYear": "2022H2", "value": 40},
                {"figure": "contact", "halfYear": "2022H2", "value": 41},
                {"figure": "work", "halfYear": "2022H2", "value": 1, "value": 2},
                "contact"
              ]
            }
            """;

    @Test
    void aBrokenFileGivesEveryProblemWithItsLine() {
        NationalFigures.Problems thrown = catchThrowableOfType(NationalFigures.Problems.class, () -> NationalFigures.parse(BROKEN.getBytes(UTF_8)));

        assertThat(thrown).isNotNull();
        assertThat(thrown.problems()).extracting(Problem::line, Problem::field).containsExactly(
                tuple(1, "source"),
                tuple(2, "version"),
                tuple(3, "sorce"),
                tuple(5, "figures[1].figure"),
                tuple(6, "figures[2].halfYear"),
                tuple(7, "figures[3].schoolYear"),
                tuple(8, "figures[4].value"),
                tuple(9, "figures[5].value"),
                tuple(10, "figures[6]"),
                tuple(11, "figures[7]"),
                tuple(12, "figures[8].value"),
                tuple(12, "figures[8].approximate"),
                tuple(14, "figures[10]"),
                tuple(15, "figures[11].value"),
                tuple(15, "figures[11].figure"),
                tuple(16, "figures[12]"));
        assertThat(thrown.problems()).extracting(Problem::message).allSatisfy(m -> assertThat(m).matches("^[A-ZÅÄÖ].*[.]$"));
        assertThat(thrown.problems()).extracting(Problem::message).contains(
                "Filen saknar fältet \"source\". Ange varifrån talen kommer, t.ex. \"source\": \"Skolverket, Kommunernas aktivitetsansvar\".",
                "Fältet \"version\" ska vara ett positivt heltal, t.ex. 2, men är texten \"ett\".",
                "Fältet \"figures[2].halfYear\": \"2021H3\" är inget halvår. Skriv året och H1 (januari–juni) eller H2 (juli–december), t.ex. \"2022H2\".",
                "Talet i \"figures[6]\" saknar period. Ange \"halfYear\" (t.ex. \"2022H2\"), \"schoolYear\" (t.ex. \"2022/23\") eller \"undated\": true.");
        assertThat(message(thrown, "figures[1].figure")).contains("\"kontakt\"", "contact, occupationKnown");
        assertThat(message(thrown, "figures[4].value")).contains("heltal");
        assertThat(message(thrown, "figures[5].value")).contains("från 0 till 100");
        assertThat(message(thrown, "figures[10]")).contains("redan");
        assertThat(message(thrown, "figures[11].value")).contains("två gånger");
        assertThat(message(thrown, "sorce")).contains("okänt");
    }

    @Test
    void notJsonAtAll() {
        NationalFigures.Problems thrown = catchThrowableOfType(NationalFigures.Problems.class,
                () -> NationalFigures.parse("{\n  \"version\": 1,\n  \"source\": \"x\"\n  \"figures\": []\n}".getBytes(UTF_8)));
        assertThat(thrown.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).startsWith("Filen är inte giltig JSON: fel på rad 4");
        });
        assertThat(catchThrowableOfType(NationalFigures.Problems.class, () -> NationalFigures.parse(new byte[0])).problems())
                .extracting(Problem::message).containsExactly("Filen är tom. Den ska innehålla riksstatistik i JSON-format.");
    }

    private static String message(NationalFigures.Problems thrown, String field) {
        return thrown.problems().stream().filter(p -> p.field().equals(field)).findFirst().orElseThrow().message();
    }
}
