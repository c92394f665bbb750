package se.kaa.targetgroup.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kaa.intake.EnrolmentEndReason.AVBROTT;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import se.kaa.intake.FactSource;
import se.kaa.intake.PersonFacts;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.EntryKind;
import se.kaa.targetgroup.ReasonForRegistration;
import se.kaa.targetgroup.RuleSetVersion;
import se.kaa.testdata.FactsBuilder;
import se.kaa.testdata.Personas;

/**
 * {@link TargetGroupEngine#assess}: every decision carries its explanation – which rule set, each
 * condition of skollagen 29 kap. 9 §, and which fact from which source.
 */
class AssessmentExplanationTest {

    static final MunicipalityCode OSTERSUND = MunicipalityCode.of("2380");
    final TargetGroupEngine engine = new TargetGroupEngine();

    PersonFacts dropOut() {
        return FactsBuilder.person(Personas.ALVA)
                .batch(5).listed("2380", "2025-09-01", "2019-05-02")
                .batch(40).gr("2014-08-18", "2024-06-12")
                .batch(41).gy("NA", "2024-08-19", "2026-03-13", AVBROTT)
                .build();
    }

    @Test
    void aMemberIsExplainedByRuleSetEveryConditionAndTheFactsProvenance() {
        Assessment a = engine.assess(dropOut(), OSTERSUND, LocalDate.parse("2026-04-01"));

        assertThat(a.status()).isEqualTo(Assessment.Status.MEMBER);
        assertThat(a.member()).isTrue();
        assertThat(a.ruleSet()).isEqualTo(RuleSetVersion.V2023);
        assertThat(a.reason()).isEqualTo(ReasonForRegistration.AVBROTT);
        assertThat(a.episode().entered()).isEqualTo(LocalDate.parse("2026-03-14"));
        assertThat(a.episode().entryKind()).isEqualTo(EntryKind.LEFT_SCHOOL);
        assertThat(a.conditions()).extracting(ConditionOutcome::condition).containsExactly(Condition.values());
        assertThat(a.conditions()).allMatch(ConditionOutcome::satisfied);
        assertThat(a.conditions()).allMatch(o -> !o.findings().isEmpty());

        assertThat(a.ruleSetFinding().describe()).isEqualTo("rule set 2023 of skollagen 29 kap. 9 § (in force from 2023-07-02)");
        assertThat(a.outcome(Condition.HOME_MUNICIPALITY).orElseThrow().findings().get(0).describe()).isEqualTo(
                "folkbokförd in 2380 since 2019-05-02 (listed in the snapshot of 2025-09-01) per folkbokforing import batch 5");
        assertThat(a.outcome(Condition.COMPULSORY_SCHOOLING_DONE).orElseThrow().findings().get(0).describe()).isEqualTo(
                "compulsory schooling (GR) ended on 2024-06-12 per the enrolment's end date per inskrivningar import batch 40");
        Finding left = a.outcome(Condition.NOT_IN_UPPER_SECONDARY).orElseThrow().findings().get(0);
        assertThat(left.describe()).isEqualTo("no GY/GYS enrolment since 2026-03-14 (left GY NA) per inskrivningar import batch 41");
        assertThat(left.messageKey()).isEqualTo("targetgroup.finding.upper.left");
        assertThat(left.args()).containsExactly("2026-03-14", "GY", "NA");
        assertThat(left.source().source()).isEqualTo(FactSource.INSKRIVNINGAR);
        assertThat(left.source().batchId()).isEqualTo(41L);
        assertThat(a.outcome(Condition.NO_DIPLOMA).orElseThrow().findings().get(0).key()).isEqualTo(FindingKey.DIPLOMA_NONE);
        assertThat(a.outcome(Condition.AGE).orElseThrow().findings().get(0).describe()).isEqualTo("under 20: turns 20 on 2028-01-17");
        assertThat(a.reasonFinding().describe())
                .isEqualTo("reason AVBROTT: left GY NA on 2026-03-13 without examen per inskrivningar import batch 41");
        assertThat(a.describe()).startsWith("2380 on 2026-04-01: MEMBER (AVBROTT, since 2026-03-14)");
    }

    @Test
    void aNonMemberIsExplainedByTheFailingCondition() {
        Assessment a = engine.assess(dropOut(), OSTERSUND, LocalDate.parse("2025-01-01"));
        assertThat(a.status()).isEqualTo(Assessment.Status.NOT_MEMBER);
        assertThat(a.reason()).isNull();
        assertThat(a.episode()).isNull();
        ConditionOutcome upper = a.outcome(Condition.NOT_IN_UPPER_SECONDARY).orElseThrow();
        assertThat(upper.satisfied()).isFalse();
        assertThat(upper.describe()).isEqualTo("NOT_IN_UPPER_SECONDARY: no – enrolled in GY NA from 2024-08-19 to 2026-03-13 "
                + "per inskrivningar import batch 41");
    }

    @Test
    void beforeTheRegisterHistoryThereIsNoRuleSet() {
        Assessment a = engine.assess(dropOut(), OSTERSUND, LocalDate.parse("2014-12-31"));
        assertThat(a.status()).isEqualTo(Assessment.Status.NO_RULE_SET);
        assertThat(a.ruleSet()).isNull();
        assertThat(a.conditions()).isEmpty();
        assertThat(a.ruleSetFinding().describe()).startsWith("no rule set applies on 2014-12-31");
    }

    @Test
    void anAdmittedGrade9LeaverIsExpectedToStart() {
        PersonFacts f = FactsBuilder.person(Personas.ALVA).listed("2380", "2024-09-01", "2008-01-17")
                .gr("2014-08-18", "2024-06-12").batch(77).admitted("NA", "2024-08-19").build();
        Assessment a = engine.assess(f, OSTERSUND, LocalDate.parse("2024-07-15"));
        assertThat(a.status()).isEqualTo(Assessment.Status.EXPECTED_TO_START);
        assertThat(a.expectedToStart()).isTrue();
        assertThat(a.member()).isFalse();
        ConditionOutcome t = a.outcome(Condition.NOT_EXPECTED_TO_START).orElseThrow();
        assertThat(t.satisfied()).isFalse();
        assertThat(t.findings().get(0).source().batchId()).isEqualTo(77L);
        assertThat(engine.assess(f, OSTERSUND, LocalDate.parse("2024-09-03")).status()).isEqualTo(Assessment.Status.MEMBER);
    }

    @Test
    void the2015RuleSetIsNamedAndItsIntroductoryProgrammeReasonExplained() {
        PersonFacts f = FactsBuilder.person(Personas.VERA).listed("2380", "2017-09-01", "2001-01-09")
                .gr("2007-08-20", "2017-06-09").batch(61).gy("IMPRO", "2017-08-21", null, null).build();
        Assessment a = engine.assess(f, OSTERSUND, LocalDate.parse("2018-03-01"));
        assertThat(a.ruleSet()).isEqualTo(RuleSetVersion.V2015);
        assertThat(a.reason()).isEqualTo(ReasonForRegistration.IM);
        assertThat(a.reasonFinding().describe())
                .isEqualTo("reason IM: on the introduktionsprogram IMPRO since 2017-08-21 per inskrivningar import batch 61");
        assertThat(a.outcome(Condition.NOT_IN_UPPER_SECONDARY).orElseThrow().findings()).extracting(Finding::key)
                .contains(FindingKey.UPPER_NOT_COUNTING);
        Assessment after = engine.assess(f, OSTERSUND, LocalDate.parse("2018-07-01"));
        assertThat(after.ruleSet()).isEqualTo(RuleSetVersion.V2018);
        assertThat(after.member()).isFalse();
    }

    @Test
    void noFindingEverContainsThePersonnummer() {
        PersonFacts f = dropOut();
        String twelve = f.pin().value();
        String ten = twelve.substring(2);
        for (String date : new String[] {"2014-12-31", "2024-07-01", "2025-01-01", "2026-04-01", "2028-01-17"}) {
            Assessment a = engine.assess(f, OSTERSUND, LocalDate.parse(date));
            assertThat(a.describe()).doesNotContain(twelve, ten, ten.substring(0, 6) + "-" + ten.substring(6));
            for (Finding finding : a.findings()) {
                assertThat(finding.args()).noneMatch(arg -> arg.toString().contains(ten));
            }
        }
    }
}
