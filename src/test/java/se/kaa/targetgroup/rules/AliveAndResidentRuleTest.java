package se.kaa.targetgroup.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import se.kaa.intake.RegistrationStatus;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.TargetGroupSettings;
import se.kaa.testdata.FactsBuilder;
import se.kaa.testdata.Personas;

/**
 * Condition 6: skollagen 29 kap. 9 § concerns young people "i kommunen"; someone deceased or
 * emigrated (folkbokföring status AVLIDEN, UTVANDRAD) is no longer one. The status takes effect on
 * the date of the snapshot that shows it.
 */
class AliveAndResidentRuleTest {

    final AliveAndResidentRule rule = new AliveAndResidentRule();
    final MunicipalityCode m = MunicipalityCode.of("2380");

    ConditionOutcome on(FactsBuilder f, String date) {
        return rule.evaluate(f.build(), m, LocalDate.parse(date), TargetGroupSettings.defaults());
    }

    FactsBuilder alva() {
        return FactsBuilder.person(Personas.ALVA).listed("2380", "2025-09-01", "2008-01-17");
    }

    @Test
    void normalStatus() {
        assertThat(on(alva(), "2026-01-01").satisfied()).isTrue();
        assertThat(on(alva(), "2026-01-01").findings().get(0).key()).isEqualTo(FindingKey.ALIVE_NORMAL);
    }

    @Test
    void deceasedFromTheSnapshotDate() {
        FactsBuilder f = alva().batch(30).listed("2380", "2026-09-01", "2008-01-17", RegistrationStatus.AVLIDEN);
        assertThat(on(f, "2026-08-31").satisfied()).isTrue();
        assertThat(on(f, "2026-09-01").satisfied()).isFalse();
        assertThat(on(f, "2026-09-01").findings().get(0).describe())
                .isEqualTo("deceased per the snapshot of 2026-09-01 per folkbokforing import batch 30");
    }

    @Test
    void emigratedFromTheSnapshotDateAndBackFromTheNewRegistration() {
        FactsBuilder f = alva().listed("2380", "2026-09-01", "2008-01-17", RegistrationStatus.UTVANDRAD)
                .immigrant("2380", "2027-03-01", "2027-02-10", "2027-02-10");
        assertThat(on(f, "2026-09-01").satisfied()).isFalse();
        assertThat(on(f, "2027-02-09").satisfied()).isFalse();
        assertThat(on(f, "2027-02-10").satisfied()).isTrue();
        assertThat(on(f, "2027-02-10").findings().get(0).key()).isEqualTo(FindingKey.ALIVE_RETURNED);
    }

    @Test
    void deathIsFinal() {
        FactsBuilder f = alva().listed("2380", "2026-09-01", "2008-01-17", RegistrationStatus.AVLIDEN)
                .listed("2380", "2027-03-01", "2008-01-17");
        assertThat(on(f, "2027-03-01").satisfied()).isFalse();
    }
}
