package se.kaa.targetgroup.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kaa.intake.EnrolmentEndReason.AVBROTT;
import static se.kaa.intake.EnrolmentEndReason.BYTE;

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
 * admissionWindowDays before the start. A known enrolment holds back only a pupil coming from
 * compulsory school, and a school change (BYTE) only for schoolChangeDays: a pupil who left upper
 * secondary "genomför inte" it (29 kap. 9 §) until she is enrolled again.
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

    @Test
    void aLaterEnrolmentDoesNotHoldBackSomeoneWhoLeftUpperSecondary() {
        FactsBuilder f = grade9Leaver().gy("NA", "2024-08-19", "2025-10-10", AVBROTT).batch(42)
                .gy("EK", "2025-10-24", null, null);
        ConditionOutcome gap = on(f, "2025-10-15");
        assertThat(gap.satisfied()).isTrue();
        assertThat(gap.findings().get(0).describe()).isEqualTo("enrolled in EK from 2025-10-24; counted until then "
                + "(out of school since 2025-10-11): only an admission, or a start within the admission window after "
                + "compulsory school, holds someone back per inskrivningar import batch 42");
        // the same gap after compulsory school is the move to upper secondary: held
        assertThat(on(grade9Leaver().gy("NA", "2024-06-24", null, null), "2024-06-20").satisfied()).isFalse();
    }

    @Test
    void aNewcomerIsNotHeldBackByAKnownEnrolment() {
        FactsBuilder f = FactsBuilder.person(Personas.BERTIL).immigrant("0180", "2025-09-01", "2025-06-20", "2025-06-20")
                .gy("IMSPR", "2025-08-18", null, null);
        ConditionOutcome july = on(f, "2025-07-01");
        assertThat(july.satisfied()).isTrue();
        assertThat(july.findings().get(0).key()).isEqualTo(FindingKey.TRANSITION_LATER_ENROLMENT);
    }

    @Test
    void aSchoolChangeFollowedByANewEnrolmentWithinTheWindowHoldsUntilItBegins() {
        FactsBuilder f = grade9Leaver().batch(40).gy("NA", "2024-08-19", "2025-10-10", BYTE).batch(41)
                .gy("EK", "2025-10-24", null, null);
        ConditionOutcome gap = on(f, "2025-10-23");
        assertThat(gap.satisfied()).isFalse();
        assertThat(gap.findings().get(0).describe()).isEqualTo("changing school: left GY NA on 2025-10-10 (BYTE) and "
                + "enrolled in EK from 2025-10-24, within the school-change window: the gap does not count "
                + "per inskrivningar import batch 41");
        // a day later than the window allows, and once the window has passed the whole gap counts
        PersonContext late = PersonContext.of(grade9Leaver().gy("NA", "2024-08-19", "2025-10-10", BYTE)
                .gy("EK", "2025-10-25", null, null).build(), TargetGroupSettings.defaults());
        LocalDate firstDay = LocalDate.parse("2025-10-11");
        ConditionOutcome known = rule.evaluate(late, firstDay, firstDay, LocalDate.parse("2025-10-25"));
        assertThat(known.satisfied()).isTrue();
        assertThat(known.findings().get(0).key()).isEqualTo(FindingKey.TRANSITION_SCHOOL_CHANGE_LAPSED);
    }

    @Test
    void aSchoolChangeWithNoNewEnrolmentHoldsOnlyWhileItsWindowRunsThenCountsFromTheDayAfterSheLeft() {
        FactsBuilder f = grade9Leaver().batch(40).gy("NA", "2024-08-19", "2025-10-10", BYTE);
        PersonContext person = PersonContext.of(f.build(), TargetGroupSettings.defaults());
        LocalDate day = LocalDate.parse("2025-10-15");
        LocalDate since = LocalDate.parse("2025-10-11");

        ConditionOutcome pending = rule.evaluate(person, day, since, LocalDate.parse("2025-10-24"));
        assertThat(pending.satisfied()).isFalse();
        assertThat(pending.findings().get(0).describe()).isEqualTo("changing school: left GY NA on 2025-10-10 (BYTE); "
                + "not counted while a new enrolment may still begin, until 2025-10-24; if none begins by then, counted "
                + "from 2025-10-11 (interpretation) per inskrivningar import batch 40");

        ConditionOutcome lapsed = rule.evaluate(person, day, since, LocalDate.parse("2025-10-25"));
        assertThat(lapsed.satisfied()).isTrue();
        assertThat(lapsed.findings().get(0).describe()).isEqualTo("left GY NA on 2025-10-10 to change school (BYTE), "
                + "but no new enrolment began by 2025-10-24: counted as having left upper secondary from 2025-10-11 "
                + "(interpretation) per inskrivningar import batch 40");
    }

    @Test
    void theEngineExplainsAPastDayOfAPassedSchoolChangeWindowAsKnownToday() {
        TargetGroupEngine engine = new TargetGroupEngine();
        var facts = EpisodeScenariosTest.alva().gy("NA", "2024-08-19", "2025-10-10", BYTE).build();
        LocalDate day = LocalDate.parse("2025-10-15");
        assertThat(engine.assess(facts, m, day).status()).isEqualTo(Assessment.Status.EXPECTED_TO_START);
        assertThat(engine.assess(facts, m, day, LocalDate.parse("2025-10-24")).status())
                .isEqualTo(Assessment.Status.EXPECTED_TO_START);
        Assessment known = engine.assess(facts, m, day, LocalDate.parse("2025-11-01"));
        assertThat(known.status()).isEqualTo(Assessment.Status.MEMBER);
        assertThat(known.episode().entered()).isEqualTo(LocalDate.parse("2025-10-11"));
    }

    @Test
    void theSchoolChangeWindowIsConfigurable() {
        // new school 20 days after the end, evaluated once everything is known
        var facts = grade9Leaver().gy("NA", "2024-08-19", "2025-10-10", BYTE).gy("EK", "2025-10-30", null, null).build();
        LocalDate day = LocalDate.parse("2025-10-15");
        LocalDate since = LocalDate.parse("2025-10-11");
        LocalDate knownOn = LocalDate.parse("2025-12-01");
        assertThat(rule.evaluate(PersonContext.of(facts, TargetGroupSettings.defaults()), day, since, knownOn)
                .satisfied()).isTrue();
        assertThat(rule.evaluate(PersonContext.of(facts, TargetGroupSettings.defaults().withSchoolChangeDays(20)), day,
                since, knownOn).satisfied()).isFalse();
        assertThat(rule.evaluate(PersonContext.of(facts, TargetGroupSettings.defaults().withSchoolChangeDays(19)), day,
                since, knownOn).satisfied()).isTrue();
    }
}
