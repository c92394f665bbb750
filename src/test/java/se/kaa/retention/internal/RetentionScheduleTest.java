package se.kaa.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import se.kaa.retention.RetentionAction;
import se.kaa.retention.RetentionClass;
import se.kaa.retention.RetentionPolicy;
import se.kaa.shared.MunicipalityCode;

/** The anchor and the due date, without Spring. */
class RetentionScheduleTest {

    static final MunicipalityCode OSTERSUND = MunicipalityCode.of("2380");
    static final MunicipalityCode KROKOM = MunicipalityCode.of("2309");
    static final LocalDate BORN = LocalDate.of(2008, 1, 17);

    @Test
    void theAnchorIsTheTwentiethBirthdayOrALaterEndOfTheLastEpisode() {
        assertThat(RetentionSchedule.anchor(BORN, null, false)).contains(LocalDate.of(2028, 1, 17));
        assertThat(RetentionSchedule.anchor(BORN, LocalDate.of(2027, 5, 1), false)).contains(LocalDate.of(2028, 1, 17));
        assertThat(RetentionSchedule.anchor(BORN, LocalDate.of(2028, 3, 1), false)).contains(LocalDate.of(2028, 3, 1));
    }

    @Test
    void nothingIsDueWhileAnEpisodeIsOpen() {
        assertThat(RetentionSchedule.due(BORN, null, true, List.of(OSTERSUND),
                m -> RetentionPolicy.defaultFor(m, RetentionClass.IDENTITY))).isEmpty();
    }

    @Test
    void theMunicipalityThatKeepsHerLongestDecides() {
        var due = RetentionSchedule.due(BORN, LocalDate.of(2027, 6, 1), false, List.of(OSTERSUND, KROKOM),
                m -> m.equals(KROKOM)
                        ? new RetentionPolicy(m, RetentionClass.IDENTITY, 24, RetentionAction.DELETE, false)
                        : RetentionPolicy.defaultFor(m, RetentionClass.IDENTITY));
        assertThat(due).hasValueSatisfying(d -> {
            assertThat(d.policy().municipality()).isEqualTo(KROKOM);
            assertThat(d.dueOn()).isEqualTo(LocalDate.of(2030, 1, 17));
            assertThat(d.policy().action()).isEqualTo(RetentionAction.DELETE);
        });
    }

    @Test
    void onlyIdentityDataCanBePseudonymised() {
        assertThat(RetentionClass.IDENTITY.allows(RetentionAction.PSEUDONYMISE)).isTrue();
        assertThat(RetentionClass.NOTES.allows(RetentionAction.PSEUDONYMISE)).isFalse();
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new RetentionPolicy(OSTERSUND, RetentionClass.NOTES, 1, RetentionAction.PSEUDONYMISE, false));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new RetentionPolicy(OSTERSUND, RetentionClass.IDENTITY, -1, RetentionAction.DELETE, false));
    }
}
