package se.kaa.targetgroup.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import se.kaa.intake.PersonFacts;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.TargetGroupSettings;
import se.kaa.testdata.FactsBuilder;
import se.kaa.testdata.Personas;

/**
 * Condition 2, skollagen 29 kap. 9 § first paragraph: young people "som inte har fyllt 20 år". A
 * member only before the 20th birthday; she leaves on the birthday itself.
 */
class AgeRuleTest {

    final AgeRule rule = new AgeRule();
    final MunicipalityCode m = MunicipalityCode.of("2380");

    ConditionOutcome on(PersonFacts facts, String date) {
        return rule.evaluate(facts, m, LocalDate.parse(date), TargetGroupSettings.defaults());
    }

    @Test
    void theDayBeforeThe20thBirthdayCounts() {
        PersonFacts alva = FactsBuilder.person(Personas.ALVA).build(); // born 2008-01-17
        assertThat(on(alva, "2028-01-16").satisfied()).isTrue();
        assertThat(on(alva, "2028-01-16").findings()).singleElement()
                .satisfies(f -> assertThat(f.describe()).isEqualTo("under 20: turns 20 on 2028-01-17"));
    }

    @Test
    void the20thBirthdayItselfDoesNot() {
        PersonFacts alva = FactsBuilder.person(Personas.ALVA).build();
        assertThat(on(alva, "2028-01-17").satisfied()).isFalse();
        assertThat(on(alva, "2028-01-17").findings().get(0).key()).isEqualTo(FindingKey.AGE_TURNED_20);
    }

    @Test
    void aLeapDayBirthTurns20OnTheLeapDay() {
        PersonFacts hampus = FactsBuilder.person(Personas.HAMPUS).build(); // born 2008-02-29, 2028 is a leap year
        assertThat(on(hampus, "2028-02-28").satisfied()).isTrue();
        assertThat(on(hampus, "2028-02-29").satisfied()).isFalse();
    }

    @Test
    void aSamordningsnummerGivesTheBirthDateMinus60Days() {
        PersonFacts xenia = FactsBuilder.person(Personas.XENIA).build(); // 20040163: born 2004-01-03
        assertThat(on(xenia, "2024-01-02").satisfied()).isTrue();
        assertThat(on(xenia, "2024-01-03").satisfied()).isFalse();
    }

    @Test
    void theFindingNeverCarriesThePersonnummer() {
        PersonFacts alva = FactsBuilder.person(Personas.ALVA).build();
        assertThat(on(alva, "2027-01-01").findings().get(0).describe()).doesNotContain("2388", "080117");
    }
}
