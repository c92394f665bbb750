package se.kaa.targetgroup.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import se.kaa.targetgroup.RuleSetVersion;

/**
 * Which version of skollagen 29 kap. 9 § applies on a date: 2015 (2015-01-01 – 2018-06-30), 2018
 * (SFS 2018:608, from 2018-07-01), 2023 (anpassad gymnasieskola, from 2023-07-02); none before 2015.
 */
class RuleSetSelectionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2014-12-31, NONE",
            "2015-01-01, V2015",
            "2018-06-30, V2015",
            "2018-07-01, V2018",
            "2023-07-01, V2018",
            "2023-07-02, V2023",
            "2030-01-01, V2023"})
    void theRuleSetInForce(LocalDate date, String expected) {
        if (expected.equals("NONE")) {
            assertThat(RuleSetVersion.on(date)).isEmpty();
            assertThat(RuleSet.on(date)).isEmpty();
        } else {
            RuleSetVersion v = RuleSetVersion.valueOf(expected);
            assertThat(RuleSetVersion.on(date)).contains(v);
            assertThat(RuleSet.on(date).orElseThrow().version()).isEqualTo(v);
            assertThat(v.appliesOn(date)).isTrue();
        }
    }

    @Test
    void codesAndRanges() {
        assertThat(RuleSetVersion.V2015.code()).isEqualTo("2015");
        assertThat(RuleSetVersion.V2018.code()).isEqualTo("2018");
        assertThat(RuleSetVersion.V2023.code()).isEqualTo("2023");
        assertThat(RuleSetVersion.V2015.validTo().plusDays(1)).isEqualTo(RuleSetVersion.V2018.validFrom());
        assertThat(RuleSetVersion.V2018.validTo().plusDays(1)).isEqualTo(RuleSetVersion.V2023.validFrom());
        assertThat(RuleSetVersion.V2023.validTo()).isNull();
    }

    @Test
    void theRuleSetsDifferAsTheLawDid() {
        RuleSet r2015 = RuleSet.of(RuleSetVersion.V2015);
        RuleSet r2018 = RuleSet.of(RuleSetVersion.V2018);
        RuleSet r2023 = RuleSet.of(RuleSetVersion.V2023);
        assertThat(r2015).isInstanceOf(RuleSet2015.class);
        assertThat(r2018).isInstanceOf(RuleSet2018.class);
        assertThat(r2023).isInstanceOf(RuleSet2023.class);
        assertThat(r2015.compulsorySchooling().immigrationClause()).isFalse();
        assertThat(r2018.compulsorySchooling().immigrationClause()).isTrue();
        assertThat(r2015.notInUpperSecondary().introductoryProgrammesCount()).isFalse();
        assertThat(r2018.notInUpperSecondary().introductoryProgrammesCount()).isTrue();
        assertThat(r2023.notInUpperSecondary().introductoryProgrammesCount()).isTrue();
        assertThat(r2015.conditions()).extracting(ConditionRule::condition).containsExactly(
                Condition.HOME_MUNICIPALITY, Condition.AGE, Condition.COMPULSORY_SCHOOLING_DONE,
                Condition.NOT_IN_UPPER_SECONDARY, Condition.NO_DIPLOMA, Condition.ALIVE_AND_NOT_EMIGRATED);
    }
}
