package se.kaa.targetgroup.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.MonthDay;

import org.junit.jupiter.api.Test;

import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.PersonFacts;
import se.kaa.intake.SchoolType;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.TargetGroupSettings;
import se.kaa.testdata.FactsBuilder;
import se.kaa.testdata.Personas;

/**
 * Condition 3, skollagen 29 kap. 9 § first paragraph: "som har fullgjort sin skolplikt"; skolplikt
 * ends at the end of the spring term of the ninth year (7 kap. 12 §), a year later in anpassad
 * grundskola; since SFS 2018:608 (2018-07-01) also those first folkbokförda in Sweden after
 * compulsory-school age.
 */
class CompulsorySchoolingRuleTest {

    final CompulsorySchoolingRule rule2015 = new CompulsorySchoolingRule(false);
    final CompulsorySchoolingRule rule2018 = new CompulsorySchoolingRule(true);
    final MunicipalityCode m = MunicipalityCode.of("2380");

    boolean done(CompulsorySchoolingRule rule, FactsBuilder facts, String date) {
        return rule.evaluate(facts.build(), m, LocalDate.parse(date), TargetGroupSettings.defaults()).satisfied();
    }

    FactsBuilder alva() {
        return FactsBuilder.person(Personas.ALVA); // born 2008: turns 16 in 2024
    }

    @Test
    void withoutARecordItEndsOn15JuneOfTheYearSheTurns16() {
        assertThat(done(rule2018, alva(), "2024-06-15")).isFalse();
        assertThat(done(rule2018, alva(), "2024-06-16")).isTrue();
        ConditionOutcome o = rule2018.evaluate(alva().build(), m, LocalDate.parse("2024-06-16"), TargetGroupSettings.defaults());
        assertThat(o.findings().get(0).describe())
                .isEqualTo("compulsory schooling ended on 2024-06-15, the end of the spring term of the year she turned 16");
    }

    @Test
    void theEndOfTheSpringTermIsConfigurable() {
        TargetGroupSettings s = TargetGroupSettings.defaults().withSpringTermEnd(MonthDay.of(6, 10));
        assertThat(rule2018.evaluate(alva().build(), m, LocalDate.parse("2024-06-11"), s).satisfied()).isTrue();
        assertThat(rule2018.evaluate(alva().build(), m, LocalDate.parse("2024-06-10"), s).satisfied()).isFalse();
    }

    @Test
    void anEnrolmentEndDateIsTheRealOneAndInclusive() {
        FactsBuilder f = alva().gr("2014-08-18", "2024-02-10");
        assertThat(done(rule2018, f, "2024-02-10")).isFalse();
        assertThat(done(rule2018, f, "2024-02-11")).isTrue();
    }

    @Test
    void anpassadGrundskolaLastsOneYearLonger() {
        FactsBuilder f = FactsBuilder.person(Personas.CELINE).grs("2014-08-18", null); // born 2008
        assertThat(done(rule2018, f, "2025-06-15")).isFalse();
        assertThat(done(rule2018, f, "2025-06-16")).isTrue();
        assertThat(rule2018.evaluate(f.build(), m, LocalDate.parse("2025-01-01"), TargetGroupSettings.defaults())
                .findings()).extracting(Finding::key)
                .containsExactly(FindingKey.COMPULSORY_ANPASSAD, FindingKey.COMPULSORY_ONGOING_DEFAULT);
    }

    @Test
    void aSchoolChangeIsNotTheEndOfSkolplikt() {
        FactsBuilder f = alva().enrolment(SchoolType.GR, null, "2014-08-18", "2023-03-01", EnrolmentEndReason.BYTE);
        assertThat(done(rule2018, f, "2023-03-02")).isFalse();
        assertThat(done(rule2018, f, "2024-06-16")).isTrue();
    }

    @Test
    void anOpenEnrolmentBegunAfterTheDefaultDateKeepsHerInSchoolButNotBeyondTheYearSheTurns18() {
        FactsBuilder f = alva().gr("2014-08-18", "2024-06-12").gr("2024-08-19", null);
        assertThat(done(rule2018, f, "2025-06-15")).isFalse();
        assertThat(done(rule2018, f, "2026-06-15")).isFalse();
        assertThat(done(rule2018, f, "2026-06-16")).isTrue();
    }

    @Test
    void anImmigrantAfterSchoolAgeIsOutsideUnder2015AndInsideFromHerImmigrationDateSince2018() {
        FactsBuilder f = FactsBuilder.person(Personas.BERTIL).immigrant("0180", "2025-09-01", "2025-03-10", "2025-03-10");
        assertThat(done(rule2015, f, "2025-06-01")).isFalse();
        assertThat(done(rule2018, f, "2025-03-09")).isFalse();
        assertThat(done(rule2018, f, "2025-03-10")).isTrue();
        assertThat(rule2015.evaluate(f.build(), m, LocalDate.parse("2025-06-01"), TargetGroupSettings.defaults())
                .findings().get(0).key()).isEqualTo(FindingKey.COMPULSORY_IMMIGRATED_NO_CLAUSE);
        assertThat(rule2018.evaluate(f.build(), m, LocalDate.parse("2025-06-01"), TargetGroupSettings.defaults())
                .findings().get(0).describe()).startsWith(
                        "first folkbokförd in Sweden on 2025-03-10, after compulsory-school age (which ended 2024-06-15)");
    }

    @Test
    void anImmigrantWhoArrivedOnTheLastDayOfSchoolAgeFollowsTheOrdinaryRules() {
        FactsBuilder f = FactsBuilder.person(Personas.BERTIL).immigrant("0180", "2025-09-01", "2024-06-15", "2024-06-15");
        assertThat(done(rule2015, f, "2024-06-16")).isTrue();
        assertThat(new PersonContextProbe(f.build()).immigratedAfterSchoolAge()).isFalse();
    }

    /** Tiny helper: the derived facts of a person. */
    record PersonContextProbe(PersonFacts facts) {
        boolean immigratedAfterSchoolAge() {
            return PersonContext.of(facts, TargetGroupSettings.defaults()).immigratedAfterSchoolAge();
        }
    }
}
