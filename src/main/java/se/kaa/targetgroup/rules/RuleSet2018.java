package se.kaa.targetgroup.rules;

import se.kaa.targetgroup.RuleSetVersion;

/**
 * Skollagen 29 kap. 9 § as amended by SFS 2018:608 (in force 2018-07-01): every GY/GYS enrolment,
 * introduktionsprogram included, takes her out of the group; only an examen, a gymnasiebevis or
 * completed equivalent education ends it (a studiebevis does not); and those first folkbokförda in
 * Sweden after compulsory-school age are covered.
 */
public class RuleSet2018 extends RuleSet {

    static final RuleSet2018 INSTANCE = new RuleSet2018();

    RuleSet2018() {
        super(true, true, false, false);
    }

    @Override
    public RuleSetVersion version() {
        return RuleSetVersion.V2018;
    }
}
