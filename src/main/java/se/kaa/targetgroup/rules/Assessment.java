package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.Episode;
import se.kaa.targetgroup.ReasonForRegistration;
import se.kaa.targetgroup.RuleSetVersion;

/**
 * The explanation of one person's membership of one municipality's target group on one date.
 *
 * @param ruleSet       the rule set in force, {@code null} before 2015-01-01
 * @param status        member, not a member, expected to start, or no rule set
 * @param reason        the reason for registration of the running episode; {@code null} unless a member
 * @param episode       the membership episode running on {@code date} (its exit is not yet known
 *                      here: open); {@code null} unless a member
 * @param ruleSetFinding which rule set applies, or that none does
 * @param conditions    the six statutory conditions in order, then the summer transition
 *                      ({@link Condition#NOT_EXPECTED_TO_START}); empty before 2015
 * @param reasonFinding why the reason was chosen (on the episode's entry date); {@code null} unless a member
 */
public record Assessment(
        MunicipalityCode municipality,
        LocalDate date,
        RuleSetVersion ruleSet,
        Status status,
        ReasonForRegistration reason,
        Episode episode,
        Finding ruleSetFinding,
        List<ConditionOutcome> conditions,
        Finding reasonFinding) {

    /** The verdict. */
    public enum Status {
        /** all six conditions hold and she is not expected to start a programme */
        MEMBER,
        /** at least one condition fails */
        NOT_MEMBER,
        /** all six conditions hold, but she was admitted to a programme that starts soon (summer transition) */
        EXPECTED_TO_START,
        /** before 2015-01-01 */
        NO_RULE_SET
    }

    public Assessment {
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(ruleSetFinding, "ruleSetFinding");
        conditions = List.copyOf(conditions);
    }

    public boolean member() {
        return status == Status.MEMBER;
    }

    public boolean expectedToStart() {
        return status == Status.EXPECTED_TO_START;
    }

    public Optional<ConditionOutcome> outcome(Condition condition) {
        return conditions.stream().filter(o -> o.condition() == condition).findFirst();
    }

    /** Every finding: the rule set, each condition's, then the reason's. */
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>();
        all.add(ruleSetFinding);
        for (ConditionOutcome o : conditions) {
            all.addAll(o.findings());
        }
        if (reasonFinding != null) {
            all.add(reasonFinding);
        }
        return all;
    }

    /** English, multi-line, for tests and logs; never contains a personnummer. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(municipality).append(" on ").append(date).append(": ").append(status);
        if (reason != null) {
            sb.append(" (").append(reason).append(", since ").append(episode.entered()).append(')');
        }
        sb.append("\n  ").append(ruleSetFinding.describe());
        for (ConditionOutcome o : conditions) {
            sb.append("\n  ").append(o.describe());
        }
        if (reasonFinding != null) {
            sb.append("\n  ").append(reasonFinding.describe());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
