package se.kaa.targetgroup.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kaa.intake.EnrolmentEndReason.AVBROTT;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import se.kaa.intake.SchoolType;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.TargetGroupSettings;
import se.kaa.testdata.FactsBuilder;
import se.kaa.testdata.Personas;

/**
 * Condition 4, skollagen 29 kap. 9 § first paragraph: not attending gymnasieskolan,
 * gymnasiesärskolan (anpassad gymnasieskola) or equivalent education. Before SFS 2018:608 only
 * "nationella program" counted, so IM pupils were in the group; from 2018-07-01 every programme
 * counts. Komvux and folkhögskola never do.
 */
class NotInUpperSecondaryRuleTest {

    final NotInUpperSecondaryRule rule2015 = new NotInUpperSecondaryRule(false);
    final NotInUpperSecondaryRule rule2018 = new NotInUpperSecondaryRule(true);
    final MunicipalityCode m = MunicipalityCode.of("2380");

    ConditionOutcome on(NotInUpperSecondaryRule rule, FactsBuilder f, String date) {
        return rule.evaluate(f.build(), m, LocalDate.parse(date), TargetGroupSettings.defaults());
    }

    FactsBuilder alva() {
        return FactsBuilder.person(Personas.ALVA);
    }

    @Test
    void aNationalProgrammeEnrolmentExcludesThroughItsLastDayInclusive() {
        FactsBuilder f = alva().batch(41).gy("NA", "2024-08-19", "2026-03-13", AVBROTT);
        assertThat(on(rule2018, f, "2024-08-18").satisfied()).isTrue();
        assertThat(on(rule2018, f, "2024-08-19").satisfied()).isFalse();
        assertThat(on(rule2018, f, "2026-03-13").satisfied()).isFalse();
        ConditionOutcome after = on(rule2018, f, "2026-03-14");
        assertThat(after.satisfied()).isTrue();
        assertThat(after.findings().get(0).describe())
                .isEqualTo("no GY/GYS enrolment since 2026-03-14 (left GY NA) per inskrivningar import batch 41");
        assertThat(on(rule2015, f, "2025-01-01").satisfied()).isFalse();
    }

    @Test
    void anIntroductoryProgrammeExcludesOnlySince2018() {
        FactsBuilder f = alva().gy("IMPRO", "2017-08-21", null, null);
        assertThat(on(rule2015, f, "2018-01-01").satisfied()).isTrue();
        assertThat(on(rule2015, f, "2018-01-01").findings()).extracting(Finding::key)
                .containsExactly(FindingKey.UPPER_NEVER, FindingKey.UPPER_NOT_COUNTING);
        assertThat(on(rule2018, f, "2018-07-01").satisfied()).isFalse();
    }

    @Test
    void anpassadGymnasieskolaExcludes() {
        assertThat(on(rule2018, alva().gys("GSHAN", "2025-08-18", null, null), "2025-09-01").satisfied()).isFalse();
    }

    @Test
    void equivalentEducationExcludes() {
        assertThat(on(rule2015, alva().motsv("IB", "2025-08-18", null, null), "2025-09-01").satisfied()).isFalse();
        assertThat(on(rule2018, alva().motsv("IB", "2025-08-18", null, null), "2025-09-01").satisfied()).isFalse();
    }

    @Test
    void komvuxAndFolkhogskolaNeverExclude() {
        FactsBuilder f = alva().vux("2025-08-18", null).fhs("2025-08-18", null);
        ConditionOutcome o = on(rule2018, f, "2025-09-01");
        assertThat(o.satisfied()).isTrue();
        assertThat(o.findings()).extracting(Finding::key)
                .containsExactly(FindingKey.UPPER_NEVER, FindingKey.UPPER_NOT_COUNTING, FindingKey.UPPER_NOT_COUNTING);
    }

    @Test
    void aFutureEnrolmentDoesNotExcludeYet() {
        assertThat(on(rule2018, alva().enrolment(SchoolType.GY, "TE", "2025-08-18", null, null), "2025-08-17")
                .satisfied()).isTrue();
    }
}
