package se.kaa.targetgroup.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kaa.intake.EnrolmentEndReason.AVBROTT;
import static se.kaa.intake.EnrolmentEndReason.FULLFOLJT;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import se.kaa.intake.CredentialType;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.TargetGroupSettings;
import se.kaa.testdata.FactsBuilder;
import se.kaa.testdata.Personas;

/**
 * Condition 5, skollagen 29 kap. 9 § first paragraph: no examen from gymnasieskolan, no
 * gymnasiebevis from anpassad gymnasieskola, no completed equivalent education. Before SFS 2018:608
 * the law spoke of having "fullföljt" a national programme, so a studiebevis after a full national
 * programme was completion; since 2018-07-01 a studiebevis never takes anyone out of the group.
 */
class NoDiplomaRuleTest {

    final NoDiplomaRule rule2015 = new NoDiplomaRule(true);
    final NoDiplomaRule rule2018 = new NoDiplomaRule(false);
    final MunicipalityCode m = MunicipalityCode.of("2380");

    ConditionOutcome on(NoDiplomaRule rule, FactsBuilder f, String date) {
        return rule.evaluate(f.build(), m, LocalDate.parse(date), TargetGroupSettings.defaults());
    }

    @ParameterizedTest
    @EnumSource(value = CredentialType.class, names = {"GYEX_HOG", "GYEX_YRK", "GYSBEVIS", "MOTSV_FULLFOLJD"})
    void aDiplomaExcludesFromItsDate(CredentialType type) {
        FactsBuilder f = FactsBuilder.person(Personas.ALVA).batch(3).credential(type, "2027-06-11");
        for (NoDiplomaRule rule : new NoDiplomaRule[] {rule2015, rule2018}) {
            assertThat(on(rule, f, "2027-06-10").satisfied()).isTrue();
            assertThat(on(rule, f, "2027-06-11").satisfied()).isFalse();
        }
        assertThat(on(rule2018, f, "2027-06-11").findings().get(0).describe())
                .isEqualTo("holds " + type + " of 2027-06-11 per examina import batch 3");
    }

    @Test
    void aStudiebevisNeverExcludesSince2018() {
        FactsBuilder f = FactsBuilder.person(Personas.ALVA).gy("NA", "2024-08-19", "2027-06-11", FULLFOLJT)
                .credential(CredentialType.STUDIEBEVIS, "2027-06-11");
        ConditionOutcome o = on(rule2018, f, "2027-06-12");
        assertThat(o.satisfied()).isTrue();
        assertThat(o.findings()).extracting(Finding::key)
                .containsExactly(FindingKey.DIPLOMA_NONE, FindingKey.DIPLOMA_STUDIEBEVIS_DOES_NOT_COUNT);
    }

    @Test
    void under2015AStudiebevisAfterAFullNationalProgrammeIsCompletionFromTheDayAfterTheEnrolmentEnded() {
        FactsBuilder f = FactsBuilder.person(Personas.RUT).gy("NA", "2015-08-17", "2018-06-08", FULLFOLJT)
                .credential(CredentialType.STUDIEBEVIS, "2018-06-08");
        assertThat(on(rule2015, f, "2018-06-08").satisfied()).isTrue();
        assertThat(on(rule2015, f, "2018-06-09").satisfied()).isFalse();
        assertThat(on(rule2015, f, "2018-06-09").findings().get(0).key())
                .isEqualTo(FindingKey.DIPLOMA_STUDIEBEVIS_AFTER_FULL_PROGRAMME);
    }

    @Test
    void under2015AStudiebevisAfterDroppingOutIsNotCompletion() {
        FactsBuilder f = FactsBuilder.person(Personas.SIXTEN).gy("NA", "2015-08-17", "2016-12-16", AVBROTT)
                .credential(CredentialType.STUDIEBEVIS, "2016-12-16");
        assertThat(on(rule2015, f, "2017-01-01").satisfied()).isTrue();
        assertThat(on(rule2015, f, "2017-01-01").findings()).extracting(Finding::key)
                .containsExactly(FindingKey.DIPLOMA_NONE, FindingKey.DIPLOMA_STUDIEBEVIS_WITHOUT_FULL_PROGRAMME);
    }

    @Test
    void under2015ACompletedIntroductoryProgrammeIsNotANationalOne() {
        FactsBuilder f = FactsBuilder.person(Personas.SIXTEN).gy("IMYRK", "2015-08-17", "2017-06-09", FULLFOLJT)
                .credential(CredentialType.STUDIEBEVIS, "2017-06-09");
        assertThat(on(rule2015, f, "2017-07-01").satisfied()).isTrue();
    }
}
