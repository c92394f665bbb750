package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.List;

import se.kaa.shared.MunicipalityCode;

/**
 * Condition 2, age (skollagen 29 kap. 9 §: "ungdomar ... som inte har fyllt 20 år"): a member only
 * before the 20th birthday; she leaves on the birthday itself. The birth date comes from the
 * personnummer or samordningsnummer (day minus 60); someone born on 29 February turns 20 on
 * 28 February in a common year ({@link java.time.LocalDate#plusYears}).
 */
public final class AgeRule implements ConditionRule {

    @Override
    public Condition condition() {
        return Condition.AGE;
    }

    @Override
    public boolean test(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        return date.isBefore(person.twentiethBirthday());
    }

    @Override
    public ConditionOutcome evaluate(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        boolean ok = test(person, municipality, date);
        return new ConditionOutcome(condition(), ok, List.of(Finding.of(
                ok ? FindingKey.AGE_UNDER_20 : FindingKey.AGE_TURNED_20, person.twentiethBirthday())));
    }
}
