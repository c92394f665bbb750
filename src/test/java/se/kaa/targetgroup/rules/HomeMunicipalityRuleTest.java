package se.kaa.targetgroup.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import se.kaa.intake.FactSource;
import se.kaa.intake.PersonFacts;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.TargetGroupSettings;
import se.kaa.testdata.FactsBuilder;
import se.kaa.testdata.Personas;

/**
 * Condition 1, skollagen 29 kap. 9 § first paragraph ("hemkommunen", i.e. the municipality where
 * she is folkbokförd, skollagen 29 kap. 6 §), from folkbokföring snapshots; a manual placement
 * decision stands in for folkbokföring (protected identity, resident but not registered).
 */
class HomeMunicipalityRuleTest {

    final HomeMunicipalityRule rule = new HomeMunicipalityRule();
    static final MunicipalityCode OSTERSUND = MunicipalityCode.of("2380");
    static final MunicipalityCode STOCKHOLM = MunicipalityCode.of("0180");

    ConditionOutcome on(PersonFacts facts, MunicipalityCode m, String date) {
        return rule.evaluate(facts, m, LocalDate.parse(date), TargetGroupSettings.defaults());
    }

    @Test
    void aListingShowsHerSinceRegisteredSinceAndOnwards() {
        PersonFacts f = FactsBuilder.person(Personas.ALVA).batch(7).listed("2380", "2025-09-01", "2019-05-02").build();
        assertThat(on(f, OSTERSUND, "2019-05-01").satisfied()).isFalse();
        assertThat(on(f, OSTERSUND, "2019-05-02").satisfied()).isTrue();
        assertThat(on(f, OSTERSUND, "2027-01-01").satisfied()).isTrue();
        assertThat(on(f, OSTERSUND, "2026-01-01").findings()).singleElement().satisfies(x -> {
            assertThat(x.describe()).isEqualTo(
                    "folkbokförd in 2380 since 2019-05-02 (listed in the snapshot of 2025-09-01) per folkbokforing import batch 7");
            assertThat(x.source().source()).isEqualTo(FactSource.FOLKBOKFORING);
        });
    }

    @Test
    void missingFromALaterSnapshotWhileOfSnapshotAgeMeansSheMovedOutThatDay() {
        PersonFacts f = FactsBuilder.person(Personas.ALVA).listed("2380", "2025-09-01", "2008-01-17")
                .batch(12).snapshots("2380", "2026-05-01").build();
        assertThat(on(f, OSTERSUND, "2026-04-30").satisfied()).isTrue();
        ConditionOutcome out = on(f, OSTERSUND, "2026-05-01");
        assertThat(out.satisfied()).isFalse();
        assertThat(out.findings()).extracting(Finding::key)
                .containsExactly(FindingKey.HOME_REGISTERED, FindingKey.HOME_MOVED_OUT_MISSING);
        assertThat(out.findings().get(1).describe()).isEqualTo(
                "not folkbokförd in 2380 since 2026-05-01: missing from the snapshot of that day per folkbokforing import batch 12");
    }

    @Test
    void aLaterListingElsewhereDatesTheMoveWhenEarlierThanTheMissingSnapshot() {
        PersonFacts f = FactsBuilder.person(Personas.ALVA).listed("2380", "2025-09-01", "2008-01-17")
                .snapshots("2380", "2026-05-01").listed("0180", "2026-05-01", "2026-04-20").build();
        assertThat(on(f, OSTERSUND, "2026-04-19").satisfied()).isTrue();
        assertThat(on(f, OSTERSUND, "2026-04-20").satisfied()).isFalse();
        assertThat(on(f, OSTERSUND, "2026-04-20").findings().get(1).key()).isEqualTo(FindingKey.HOME_MOVED_OUT_ELSEWHERE);
        assertThat(on(f, STOCKHOLM, "2026-04-19").satisfied()).isFalse();
        assertThat(on(f, STOCKHOLM, "2026-04-20").satisfied()).isTrue();
    }

    @Test
    void growingPastTheSnapshotAgeRangeIsNotAMove() {
        // Petter, born 2005-01-12, is 21 on 2026-03-01 and simply no longer listed.
        PersonFacts f = FactsBuilder.person(Personas.PETTER).listed("2380", "2025-09-01", "2005-01-12")
                .snapshots("2380", "2026-03-01").build();
        assertThat(on(f, OSTERSUND, "2026-03-01").satisfied()).isTrue();
    }

    @Test
    void missingAt20IsStillAMove() {
        // Alva is 20 on 2028-03-01, still of snapshot age (15–20 inclusive).
        PersonFacts f = FactsBuilder.person(Personas.ALVA).listed("2380", "2027-09-01", "2008-01-17")
                .snapshots("2380", "2028-03-01").build();
        assertThat(on(f, OSTERSUND, "2028-03-01").satisfied()).isFalse();
    }

    @Test
    void aPlacementCoversItsDaysInclusive() {
        PersonFacts f = FactsBuilder.person(Personas.ALVA).listedProtected("0180", "2025-09-01", "2008-01-17")
                .placed("2380", "2025-09-01", "2026-08-31").build();
        assertThat(on(f, OSTERSUND, "2025-08-31").satisfied()).isFalse();
        assertThat(on(f, OSTERSUND, "2025-09-01").satisfied()).isTrue();
        assertThat(on(f, OSTERSUND, "2026-08-31").satisfied()).isTrue();
        assertThat(on(f, OSTERSUND, "2026-09-01").satisfied()).isFalse();
        assertThat(on(f, OSTERSUND, "2026-01-01").findings().get(0).describe())
                .isEqualTo("placed in 2380 from 2025-09-01 to 2026-08-31 by a manual decision per manual");
        assertThat(on(f, OSTERSUND, "2026-09-01").findings().get(1).key()).isEqualTo(FindingKey.HOME_PLACEMENT_ENDED);
    }

    @Test
    void neverThere() {
        PersonFacts f = FactsBuilder.person(Personas.ALVA).listed("2380", "2025-09-01", "2008-01-17").build();
        assertThat(on(f, STOCKHOLM, "2026-01-01").satisfied()).isFalse();
        assertThat(on(f, STOCKHOLM, "2026-01-01").findings().get(0).describe()).isEqualTo("never folkbokförd or placed in 0180");
    }

    @Test
    void movingBackStartsANewStay() {
        PersonFacts f = FactsBuilder.person(Personas.ALVA).listed("2380", "2024-09-01", "2008-01-17")
                .snapshots("2380", "2025-09-01").listed("2380", "2026-03-01", "2026-01-10").build();
        assertThat(on(f, OSTERSUND, "2025-08-31").satisfied()).isTrue();
        assertThat(on(f, OSTERSUND, "2025-09-01").satisfied()).isFalse();
        assertThat(on(f, OSTERSUND, "2026-01-09").satisfied()).isFalse();
        assertThat(on(f, OSTERSUND, "2026-01-10").satisfied()).isTrue();
    }
}
