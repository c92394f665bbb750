package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.List;

import se.kaa.intake.RegistrationStatus;
import se.kaa.shared.MunicipalityCode;

/**
 * Condition 6: alive and not emigrated. The activity responsibility concerns young people
 * "i kommunen" (skollagen 29 kap. 9 §); a folkbokföring status AVLIDEN or UTVANDRAD on a snapshot
 * row ends it from that snapshot's date. A later NORMAL row after UTVANDRAD means she came back,
 * from her new registration date when it is known.
 */
public final class AliveAndResidentRule implements ConditionRule {

    @Override
    public Condition condition() {
        return Condition.ALIVE_AND_NOT_EMIGRATED;
    }

    @Override
    public boolean test(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        PersonContext.StatusChange s = person.statusOn(date);
        return s == null || s.status() == RegistrationStatus.NORMAL;
    }

    @Override
    public ConditionOutcome evaluate(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        PersonContext.StatusChange s = person.statusOn(date);
        if (s == null) {
            return new ConditionOutcome(condition(), true, List.of(Finding.of(FindingKey.ALIVE_NORMAL)));
        }
        return switch (s.status()) {
            case NORMAL -> new ConditionOutcome(condition(), true,
                    List.of(Finding.of(FindingKey.ALIVE_RETURNED, s.source().provenance(), s.from())));
            case AVLIDEN -> new ConditionOutcome(condition(), false,
                    List.of(Finding.of(FindingKey.ALIVE_DECEASED, s.source().provenance(), s.from())));
            case UTVANDRAD -> new ConditionOutcome(condition(), false,
                    List.of(Finding.of(FindingKey.ALIVE_EMIGRATED, s.source().provenance(), s.from())));
        };
    }
}
