package se.kaa.targetgroup.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kaa.intake.EnrolmentEndReason.AVBROTT;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import se.kaa.intake.AdmissionDecision;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.TargetGroupSettings;
import se.kaa.testdata.FactsBuilder;
import se.kaa.testdata.Personas;

/**
 * The summer transition (PRODUCT.md): how skollagen 29 kap. 9 § is applied to a pupil between
 * compulsory school (or one programme) and the programme she is admitted to. She is "expected to
 * start", not a member, until the programme start + graceDays when she left school at most
 * admissionWindowDays before the start.
 */
class SummerTransitionRuleTest {

    final SummerTransitionRule rule = new SummerTransitionRule();
    final MunicipalityCode m = MunicipalityCode.of("2380");

    ConditionOutcome on(FactsBuilder f, String date) {
        return on(f, date, TargetGroupSettings.defaults());
    }

    ConditionOutcome on(FactsBuilder f, String date, TargetGroupSettings s) {
        return rule.evaluate(f.build(), m, LocalDate.parse(date), s);
    }

    FactsBuilder grade9Leaver() {
        return FactsBuilder.person(Personas.ALVA).gr("2014-08-18", "2024-06-12");
    }

    @Test
    void admittedGrade9LeaverIsExpectedToStartUntilStartPlusGrace() {
        FactsBuilder f = grade9Leaver().batch(90).admitted("NA", "2024-08-19");
        ConditionOutcome july = on(f, "2024-07-01");
        assertThat(july.satisfied()).isFalse();
        assertThat(july.findings().get(0).describe()).isEqualTo("expected to start: admitted to NA starting 2024-08-19, "
                + "out of school since 2024-06-13; not counted until after 2024-09-02 per antagning import batch 90");
        assertThat(on(f, "2024-09-02").satisfied()).isFalse();
        ConditionOutcome after = on(f, "2024-09-03");
        assertThat(after.satisfied()).isTrue();
        assertThat(after.findings().get(0).key()).isEqualTo(FindingKey.TRANSITION_EXPIRED);
    }

    @Test
    void theGracePeriodIsConfigurable() {
        FactsBuilder f = grade9Leaver().admitted("NA", "2024-08-19");
        TargetGroupSettings s = TargetGroupSettings.defaults().withGraceDays(0);
        assertThat(on(f, "2024-08-19", s).satisfied()).isFalse();
        assertThat(on(f, "2024-08-20", s).satisfied()).isTrue();
    }

    @Test
    void theWindowStartsAdmissionWindowDaysBeforeTheStart() {
        // Start 2024-08-19; 90 days before is 2024-05-21.
        FactsBuilder inside = FactsBuilder.person(Personas.ALVA).gr("2014-08-18", "2024-05-20").admitted("NA", "2024-08-19");
        FactsBuilder outside = FactsBuilder.person(Personas.ALVA).gr("2014-08-18", "2024-05-19").admitted("NA", "2024-08-19");
        assertThat(on(inside, "2024-06-01").satisfied()).isFalse();
        assertThat(on(outside, "2024-06-01").satisfied()).isTrue();
        assertThat(on(outside, "2024-06-01").findings().get(0).key()).isEqualTo(FindingKey.TRANSITION_BEFORE_WINDOW);
        assertThat(on(outside, "2024-06-01", TargetGroupSettings.defaults().withAdmissionWindowDays(91)).satisfied())
                .isFalse();
    }

    @Test
    void anExistingMemberIsNotHeldBack() {
        FactsBuilder f = FactsBuilder.person(Personas.ALVA).gr("2014-08-18", "2024-06-12")
                .gy("NA", "2024-08-19", "2025-02-14", AVBROTT).admitted("TE", "2025-08-18");
        assertThat(on(f, "2025-07-01").satisfied()).isTrue();
    }

    @Test
    void startingEndsTheHoldAndLeavingAgainDoesNotRestoreIt() {
        FactsBuilder f = grade9Leaver().admitted("NA", "2024-08-19").gy("NA", "2024-08-19", "2024-08-26", AVBROTT);
        assertThat(on(f, "2024-08-27").satisfied()).isTrue();
        assertThat(on(f, "2024-08-27").findings().get(0).key()).isEqualTo(FindingKey.TRANSITION_STARTED);
    }

    @Test
    void onlyAnAdmissionHolds() {
        assertThat(on(grade9Leaver().admission("NA", AdmissionDecision.RESERV, "2024-08-19"), "2024-07-01").satisfied())
                .isTrue();
        assertThat(on(grade9Leaver().admission("NA", AdmissionDecision.EJ_ANTAGEN, "2024-08-19"), "2024-07-01")
                .satisfied()).isTrue();
        assertThat(on(grade9Leaver(), "2024-07-01").findings().get(0).key()).isEqualTo(FindingKey.TRANSITION_NONE);
    }

    @Test
    void withoutAnAdmissionAKnownEnrolmentStartIsTheExpectedStart() {
        FactsBuilder f = grade9Leaver().gy("NA", "2024-08-19", null, null);
        ConditionOutcome july = on(f, "2024-07-01");
        assertThat(july.satisfied()).isFalse();
        assertThat(july.findings().get(0).key()).isEqualTo(FindingKey.TRANSITION_ENROLMENT_AHEAD);
        // An enrolment beyond the window is no expected start.
        assertThat(on(grade9Leaver().gy("NA", "2024-10-01", null, null), "2024-07-01").satisfied()).isTrue();
    }
}
