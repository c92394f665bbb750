package se.kaa.reporting.spec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import se.kaa.reporting.spec.SpecProblems.Problem;

/** Reading a spec file: every problem at once, each with its line and a Swedish message. */
class ReturnSpecsTest {

    /** Line numbers matter in this text: each fault is on its own line, noted in the test below. */
    private static final String BROKEN = """
            {
              "id": "trasig",
              "version": "1",
              "provisional": "ja",
              "title": "Trasig specifikation",
              "appliesFrom": "2026-13-01",
              "apliesTo": null,
              "columns": [
                {"name": "kommun", "label": "Kommun", "concept": "municipality", "type": "MUNICIPALITY"},
                {"name": "orsak", "label": "Orsak", "concept": "reason", "type": "CODE", "codeList": "saknas"},
                {"name": "kommun", "label": "Kommun igen", "type": "TEXT"},
                {"name": "x", "label": "X", "type": "TEKST"},
                {"repeat": {"max": 0, "columns": [
                  {"namePattern": "a{n}_typ", "labelPattern": "A {n}", "concept": "measure.type", "type": "CODE", "codeList": "lista"}]}},
                {"name": "y", "label": "Y", "type": "CODE"}
              ],
              "codeLists": {
                "lista": {"label": "Lista", "codes": [
                  {"code": "1", "label": "Ett", "validFrom": "2020-01-01", "validTo": "2019-01-01"}]}
              },
              "checks": [
                {"id": "c1", "kind": "NOT_BEFORE", "column": "finns_inte", "other": "kommun", "severity": "ERROR", "message": "M"},
                {"id": "c2", "kind": "REQUIRED_IF_PRESENT", "column": "kommun", "severity": "FATAL", "message": "M"}
              ],
              "output": {"sheetName": "Data", "delimiter": ";;", "charset": "LATIN-99", "headerRow": true,
                         "fileNamePattern": "KAA_{municipality}_{period}"},
              "suggestedMappings": {"okand": {"B": "1"}}
            }
            """;

    @Test
    void aBrokenSpecYieldsEveryProblemWithItsLine() {
        SpecProblems thrown = catchThrowableOfType(SpecProblems.class, () -> ReturnSpecs.parse(BROKEN.getBytes(UTF_8)));

        assertThat(thrown).isNotNull();
        assertThat(thrown.problems()).extracting(Problem::line, Problem::field).containsExactly(
                tuple(4, "provisional"),
                tuple(6, "appliesFrom"),
                tuple(7, "apliesTo"),
                tuple(10, "columns[2].codeList"),
                tuple(11, "columns[3].name"),
                tuple(12, "columns[4].type"),
                tuple(13, "columns[5].repeat.max"),
                tuple(15, "columns[6].codeList"),
                tuple(19, "codeLists.lista.codes[1].validTo"),
                tuple(22, "checks[1].column"),
                tuple(23, "checks[2].severity"),
                tuple(23, "checks[2].other"),
                tuple(25, "output.delimiter"),
                tuple(25, "output.charset"),
                tuple(27, "suggestedMappings.okand"));
        assertThat(thrown.problems()).extracting(Problem::message).allSatisfy(message -> assertThat(message)
                .matches("^(Fältet|Kolumnnamnet) .*[.]$"));
        assertThat(thrown.problems()).extracting(Problem::message).contains(
                "Fältet \"provisional\" ska vara true eller false (utan citattecken), men är texten \"ja\".",
                "Fältet \"appliesFrom\": \"2026-13-01\" är inte ett giltigt datum. Ange datum på formen ÅÅÅÅ-MM-DD, t.ex. \"2017-07-01\".",
                "Kolumnnamnet \"kommun\" förekommer mer än en gång. Varje kolumn ska ha ett eget namn.",
                "Fältet \"columns[2].codeList\": kodlistan \"saknas\" finns inte under \"codeLists\". Kända kodlistor: lista.",
                "Fältet \"output.charset\": \"LATIN-99\" är ingen känd teckenkodning. Ange t.ex. \"UTF-8\", \"ISO-8859-1\" eller \"windows-1252\".");
        assertThat(message(thrown, "apliesTo")).contains("är okänt", "appliesTo");
        assertThat(message(thrown, "columns[4].type")).contains("\"TEKST\"", "TEXT, DATE, CODE");
        assertThat(message(thrown, "columns[6].codeList")).contains("saknas", "CODE");
        assertThat(message(thrown, "checks[1].column")).contains("\"finns_inte\" finns inte");
        assertThat(message(thrown, "checks[2].other")).contains("saknas", "REQUIRED_IF_PRESENT");
        assertThat(message(thrown, "output.delimiter")).contains("exakt ett tecken");
        assertThat(thrown.getMessage()).isEqualTo("Specifikationen har 15 fel.");
    }

    @Test
    void missingRequiredFieldsAreNamedAtTheLineOfTheirObject() {
        SpecProblems thrown = catchThrowableOfType(SpecProblems.class, () -> ReturnSpecs.parse("""
                {
                  "id": "x",
                  "columns": [
                    {"label": "Utan namn", "type": "TEXT"}
                  ]
                }
                """.getBytes(UTF_8)));

        assertThat(thrown.problems()).extracting(Problem::line, Problem::field).containsExactlyInAnyOrder(
                tuple(1, "version"), tuple(1, "provisional"), tuple(1, "title"), tuple(1, "appliesFrom"), tuple(1, "output"),
                tuple(4, "columns[1].name"));
        assertThat(message(thrown, "columns[1].name")).isEqualTo("Fältet \"columns[1].name\" saknas. Det ska vara en text inom citattecken.");
    }

    @Test
    void notJsonAtAllIsOneProblemAtTheLineOfTheFault() {
        SpecProblems thrown = catchThrowableOfType(SpecProblems.class, () -> ReturnSpecs.parse("""
                {
                  "id": "x",
                  "version": "1" "title": "saknar kommatecken"
                }
                """.getBytes(UTF_8)));

        assertThat(thrown.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).startsWith("Filen är inte giltig JSON: fel på rad 3");
        });
        assertThat(catchThrowableOfType(SpecProblems.class, () -> ReturnSpecs.parse(new byte[0])).problems())
                .extracting(Problem::message).containsExactly("Filen är tom. Den ska innehålla en specifikation i JSON-format.");
        assertThat(catchThrowableOfType(SpecProblems.class, () -> ReturnSpecs.parse("[1, 2]".getBytes(UTF_8))).problems())
                .extracting(Problem::message).singleElement().asString().startsWith("Filen ska innehålla ett JSON-objekt");
        assertThat(catchThrowableOfType(SpecProblems.class, () -> ReturnSpecs.parse("{}\n{}".getBytes(UTF_8))).problems())
                .extracting(Problem::line).containsExactly(2);
    }

    @Test
    void aFileInLatin1IsRefusedWithTheLineOfTheFirstUnreadableCharacter() {
        byte[] latin1 = TestSpecs.minimal().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(catchThrowableOfType(SpecProblems.class, () -> ReturnSpecs.parse(latin1)).problems()).singleElement()
                .satisfies(p -> {
                    assertThat(p.message()).startsWith("Filen är inte sparad som UTF-8");
                    assertThat(p.line()).isEqualTo(19); // the first å, in "Åtgärd {n}: typ"
                });
    }

    @Test
    void unknownAndRepeatedFieldsAnywhereAreProblems() {
        String json = TestSpecs.minimal().replace("\"sheetName\": \"Data\"", "\"sheetName\": \"Data\", \"sheetname\": \"X\"")
                .replace("\"label\": \"Kommun\"", "\"label\": \"Kommun\", \"label\": \"Igen\"");
        SpecProblems thrown = catchThrowableOfType(SpecProblems.class, () -> ReturnSpecs.parse(json.getBytes(UTF_8)));

        assertThat(thrown.problems()).extracting(Problem::field).containsExactlyInAnyOrder("output.sheetname", "columns[1].label");
        assertThat(message(thrown, "output.sheetname")).contains("okänt", "sheetName");
        assertThat(message(thrown, "columns[1].label")).contains("mer än en gång");
    }

    @Test
    void aCheckOnARepeatGroupIsExpandedPerNumber() throws SpecProblems {
        ReturnSpec spec = ReturnSpecs.parse(TestSpecs.minimal().getBytes(UTF_8));

        assertThat(spec.columns()).extracting(Column::name).containsExactly(
                "kommun", "period", "pnr", "antal", "namn", "reg", "avreg", "orsak", "svar",
                "a1_typ", "a1_start", "a1_slut", "a2_typ", "a2_start", "a2_slut");
        assertThat(spec.checks()).extracting(Check::id, Check::column, Check::other, Check::message).contains(
                tuple("slut-efter-start-1", "a1_slut", "a1_start", "Åtgärd 1: slut före start."),
                tuple("slut-efter-start-2", "a2_slut", "a2_start", "Åtgärd 2: slut före start."));
    }

    @Test
    void aRepeatGroupNeedsNumberedNamesAndMeasureConcepts() {
        String json = TestSpecs.minimal().replace("\"a{n}_slut\"", "\"a_slut\"").replace("\"concept\": \"measure.start\"",
                "\"concept\": \"registered\"");
        SpecProblems thrown = catchThrowableOfType(SpecProblems.class, () -> ReturnSpecs.parse(json.getBytes(UTF_8)));

        assertThat(thrown.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("saknar {n}"))
                .anySatisfy(m -> assertThat(m).contains("\"registered\" gäller hela posten"));
    }

    @Test
    void aDateCheckOnATextColumnAndAOneOfWithAnUnknownCodeAreProblems() {
        String json = TestSpecs.minimal().replace("\"kind\": \"WITHIN_PERIOD\", \"column\": \"avreg\"",
                "\"kind\": \"WITHIN_PERIOD\", \"column\": \"namn\"").replace("\"values\": [\"J\"]", "\"values\": [\"J\", \"X\"]");
        SpecProblems thrown = catchThrowableOfType(SpecProblems.class, () -> ReturnSpecs.parse(json.getBytes(UTF_8)));

        assertThat(thrown.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("jämför datum", "\"namn\"", "TEXT"))
                .anySatisfy(m -> assertThat(m).contains("\"X\" är ingen av kolumnen"));
    }

    private static String message(SpecProblems problems, String field) {
        List<String> messages = problems.problems().stream().filter(p -> p.field().equals(field)).map(Problem::message).toList();
        assertThat(messages).as("problems of " + field).hasSize(1);
        return messages.get(0);
    }
}
