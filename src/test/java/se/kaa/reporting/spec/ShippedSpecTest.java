package se.kaa.reporting.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import se.kaa.casework.cases.OccupationExpiry.OccupationType;
import se.kaa.casework.settings.MeasureReportingCategory;
import se.kaa.targetgroup.ExitReason;
import se.kaa.targetgroup.ReasonForRegistration;

/** The provisional spec shipped with the application: it parses and maps every value of ours. */
class ShippedSpecTest {

    private final ReturnSpec spec = ReturnSpecs.shipped();

    @Test
    void theShippedFileParsesAsTheProvisionalSpec() throws Exception {
        byte[] json;
        try (InputStream in = getClass().getResourceAsStream("/reporting/scb/kaa-provisional-1.json")) {
            json = in.readAllBytes();
        }
        ReturnSpec parsed = ReturnSpecs.parse(json);

        assertThat(parsed).isEqualTo(spec);
        assertThat(spec.id()).isEqualTo("kaa-provisional");
        assertThat(spec.version()).isEqualTo("1");
        assertThat(spec.provisional()).isTrue();
        assertThat(spec.appliesFrom()).isEqualTo(LocalDate.of(2017, 7, 1));
        assertThat(spec.appliesTo()).isNull();
        assertThat(spec.coversPeriod(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 12, 31))).isTrue();
        assertThat(spec.coversPeriod(LocalDate.of(2017, 1, 1), LocalDate.of(2017, 6, 30))).isFalse();
    }

    @Test
    void everyConceptFillsAColumnWithASwedishLabel() {
        for (String concept : Concepts.ALL) {
            List<Column> columns = spec.columnsFor(concept);
            if (Concepts.perMeasure(concept)) {
                assertThat(columns).as(concept).extracting(Column::index).containsExactly(1, 2, 3);
            } else {
                assertThat(columns).as(concept).singleElement().extracting(Column::index).isNull();
            }
        }
        assertThat(spec.columns()).hasSize(10 + 3 * 5);
        assertThat(spec.columns()).allSatisfy(c -> {
            assertThat(c.concept()).isIn(Concepts.ALL);
            assertThat(c.label()).isNotBlank().doesNotContain("{n}");
        });
        assertThat(spec.maxMeasures()).isEqualTo(3);
        assertThat(spec.column(Concepts.MEASURE_TYPE, 2)).get().extracting(Column::name, Column::label)
                .containsExactly("atgard2_typ", "Åtgärd 2: typ av åtgärd");
        assertThat(spec.column("reg_orsak").label()).isEqualTo("Orsak till registrering");
        assertThat(spec.column("finns_inte")).isNull();
    }

    @Test
    void theYesNoConceptsUseTheJaNejList() {
        assertThat(spec.columnsFor(Concepts.CONTACT_DURING_PERIOD)).extracting(Column::type, Column::codeList)
                .containsOnly(tuple(Column.Type.YES_NO, "janej"));
        assertThat(spec.codeList("janej")).get().extracting(l -> l.codes().stream().map(CodeList.Code::code).toList())
                .isEqualTo(List.of("J", "N"));
        assertThat(spec.suggestedMapping("janej")).containsExactly(Map.entry("true", "J"), Map.entry("false", "N"));
        Column contact = spec.columnsFor(Concepts.CONTACT_DURING_PERIOD).get(0);
        assertThat(spec.yesNo(contact, true)).isEqualTo("J");
        assertThat(spec.yesNo(spec.column(Concepts.MEASURE_DECLINED, 3).orElseThrow(), false)).isEqualTo("N");
        assertThat(spec.suggestedCode(spec.column("reg_orsak"), "IM")).contains("05");
        assertThat(spec.suggestedCode(spec.column("reg_orsak"), "OKAND")).isEmpty();
        assertThat(spec.suggestedCode(spec.column("reg_datum"), "AVBROTT")).isEmpty();
    }

    @Test
    void everyValueOfOursIsMappedToACodeOfTheConceptsList() {
        assertMapsAll(Concepts.REASON, names(ReasonForRegistration.values()));
        assertMapsAll(Concepts.EXIT_REASON, names(ExitReason.values()));
        assertMapsAll(Concepts.OCCUPATION_AT_LATEST_CONTACT, names(OccupationType.values()));
        assertMapsAll(Concepts.MEASURE_OCCUPATION_AFTER, names(OccupationType.values()));
        assertMapsAll(Concepts.MEASURE_TYPE, names(MeasureReportingCategory.values()));
    }

    @Test
    void ourValuesAreMappedNotCopied() {
        assertThat(spec.codeLists().values()).allSatisfy(list -> assertThat(list.codes()).allSatisfy(code -> {
            assertThat(code.code()).hasSizeLessThanOrEqualTo(2);
            assertThat(code.label()).isNotBlank();
        }));
        assertThat(spec.suggestedMapping("orsak")).containsEntry("AVBROTT", "01").containsEntry("IM", "05");
    }

    @Test
    void theIntroductionProgrammeReasonIsValidOnlyUntilJune2018() {
        CodeList reasons = spec.codeList("orsak").orElseThrow();
        String im = spec.suggestedMapping("orsak").get("IM");

        assertThat(reasons.code(im)).get().extracting(CodeList.Code::validTo).isEqualTo(LocalDate.of(2018, 6, 30));
        assertThat(reasons.valid(im, LocalDate.of(2018, 1, 1), LocalDate.of(2018, 6, 30))).isPresent();
        assertThat(reasons.valid(im, LocalDate.of(2018, 7, 1), LocalDate.of(2018, 12, 31))).isEmpty();
        assertThat(reasons.valid(spec.suggestedMapping("orsak").get("AVBROTT"), LocalDate.of(2026, 7, 1),
                LocalDate.of(2026, 12, 31))).isPresent();
    }

    @Test
    void theOutputIsSemicolonSeparatedLatin1WithAHeader() {
        assertThat(spec.output().delimiter()).isEqualTo(';');
        assertThat(spec.output().charset().name()).isEqualTo("ISO-8859-1");
        assertThat(spec.output().headerRow()).isTrue();
        assertThat(SpecWriter.fileName(spec, "2380", "2026H2", 3, "xlsx")).isEqualTo("KAA_2380_2026H2_v3_PRELIMINAR.xlsx");
    }

    @Test
    void theChecksTheBriefAsksForAreThere() {
        assertThat(spec.checks()).extracting(Check::kind, Check::column, Check::other).contains(
                tuple(Check.Kind.REQUIRED_IF_PRESENT, "avreg_orsak", "avreg_datum"),
                tuple(Check.Kind.REQUIRED_IF_PRESENT, "avreg_datum", "avreg_orsak"),
                tuple(Check.Kind.NOT_BEFORE, "avreg_datum", "reg_datum"),
                tuple(Check.Kind.WITHIN_PERIOD, "avreg_datum", null),
                tuple(Check.Kind.NOT_AFTER_PERIOD, "reg_datum", null),
                tuple(Check.Kind.NOT_BEFORE, "atgard3_slut", "atgard3_start"),
                tuple(Check.Kind.REQUIRED_IF_PRESENT, "atgard2_typ", "atgard2_start"));
        assertThat(spec.checks()).extracting(Check::message).allSatisfy(m -> assertThat(m).isNotBlank().doesNotContain("{n}"));
    }

    private void assertMapsAll(String concept, List<String> ours) {
        List<Column> columns = spec.columnsFor(concept);
        assertThat(columns).as(concept).isNotEmpty();
        for (Column column : columns) {
            CodeList list = spec.codeList(column.codeList()).orElseThrow();
            Map<String, String> mapping = spec.suggestedMapping(list.name());
            assertThat(mapping).as(concept + " -> " + list.name()).containsOnlyKeys(ours);
            assertThat(mapping.values()).as(concept).allSatisfy(code -> assertThat(list.code(code)).isPresent());
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
