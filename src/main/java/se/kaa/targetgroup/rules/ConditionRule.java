package se.kaa.targetgroup.rules;

import java.time.LocalDate;

import se.kaa.intake.PersonFacts;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.TargetGroupSettings;

/** One condition of the target group, evaluated for a person, a municipality and a date. */
public interface ConditionRule {

    Condition condition();

    /** Whether the condition holds: the fast path, with no explanation. */
    boolean test(PersonContext person, MunicipalityCode municipality, LocalDate date);

    /** Whether the condition holds, with the findings that explain it. */
    ConditionOutcome evaluate(PersonContext person, MunicipalityCode municipality, LocalDate date);

    default ConditionOutcome evaluate(PersonFacts facts, MunicipalityCode municipality, LocalDate date,
            TargetGroupSettings settings) {
        return evaluate(PersonContext.of(facts, settings), municipality, date);
    }
}
