package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.RuleSetVersion;

/**
 * The rules of one law version of skollagen 29 kap. 9 §: the six conditions, the summer
 * transition and the reason for registration, each configured for the version.
 */
public abstract class RuleSet {

    static final int ALL_STATUTORY = Condition.HOME_MUNICIPALITY.bit() | Condition.AGE.bit()
            | Condition.COMPULSORY_SCHOOLING_DONE.bit() | Condition.NOT_IN_UPPER_SECONDARY.bit()
            | Condition.NO_DIPLOMA.bit() | Condition.ALIVE_AND_NOT_EMIGRATED.bit();

    private final HomeMunicipalityRule home = new HomeMunicipalityRule();
    private final AgeRule age = new AgeRule();
    private final CompulsorySchoolingRule compulsory;
    private final NotInUpperSecondaryRule notInUpperSecondary;
    private final NoDiplomaRule noDiploma;
    private final AliveAndResidentRule alive = new AliveAndResidentRule();
    private final SummerTransitionRule summerTransition = new SummerTransitionRule();
    private final RegistrationReasonRule reasons;
    private final List<ConditionRule> conditions;

    RuleSet(boolean immigrationClause, boolean introductoryProgrammesExclude,
            boolean studiebevisAfterFullProgrammeExcludes, boolean introductoryProgrammeIsReason) {
        this.compulsory = new CompulsorySchoolingRule(immigrationClause);
        this.notInUpperSecondary = new NotInUpperSecondaryRule(introductoryProgrammesExclude);
        this.noDiploma = new NoDiplomaRule(studiebevisAfterFullProgrammeExcludes);
        this.reasons = new RegistrationReasonRule(introductoryProgrammeIsReason);
        this.conditions = List.of(home, age, compulsory, notInUpperSecondary, noDiploma, alive);
    }

    public abstract RuleSetVersion version();

    /** The six statutory conditions, in the order of {@link Condition}. */
    public List<ConditionRule> conditions() {
        return conditions;
    }

    public CompulsorySchoolingRule compulsorySchooling() {
        return compulsory;
    }

    public NotInUpperSecondaryRule notInUpperSecondary() {
        return notInUpperSecondary;
    }

    public SummerTransitionRule summerTransition() {
        return summerTransition;
    }

    public RegistrationReasonRule reasons() {
        return reasons;
    }

    /** The statutory conditions that hold, as a bit set over {@link Condition#ordinal()}. */
    int satisfied(PersonContext p, MunicipalityCode m, LocalDate d) {
        int mask = 0;
        for (int i = 0; i < conditions.size(); i++) {
            ConditionRule r = conditions.get(i);
            if (r.test(p, m, d)) {
                mask |= r.condition().bit();
            }
        }
        return mask;
    }

    /** Out of school on {@code d}: compulsory schooling done and not in upper secondary. */
    boolean outOfSchool(PersonContext p, LocalDate d) {
        return compulsory.test(p, null, d) && notInUpperSecondary.test(p, null, d);
    }

    /** The rule set of a version. */
    public static RuleSet of(RuleSetVersion version) {
        return switch (version) {
            case V2015 -> RuleSet2015.INSTANCE;
            case V2018 -> RuleSet2018.INSTANCE;
            case V2023 -> RuleSet2023.INSTANCE;
        };
    }

    /** The rule set that applies on {@code date}; empty before 2015-01-01. */
    public static Optional<RuleSet> on(LocalDate date) {
        return RuleSetVersion.on(date).map(RuleSet::of);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
