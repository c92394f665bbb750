package se.kaa.targetgroup.rules;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Whether one condition holds on a date, and the findings that show why. */
public record ConditionOutcome(Condition condition, boolean satisfied, List<Finding> findings) {

    public ConditionOutcome {
        Objects.requireNonNull(condition, "condition");
        findings = List.copyOf(findings);
    }

    /** English, for tests and logs: "NOT_IN_UPPER_SECONDARY: yes – no GY/GYS enrolment since …". */
    public String describe() {
        return condition + ": " + (satisfied ? "yes" : "no") + " – "
                + findings.stream().map(Finding::describe).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return describe();
    }
}
