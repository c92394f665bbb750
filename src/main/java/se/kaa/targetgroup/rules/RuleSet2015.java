package se.kaa.targetgroup.rules;

import se.kaa.targetgroup.RuleSetVersion;

/**
 * Skollagen (2010:800) 29 kap. 9 § as in force 2015-01-01 – 2018-06-30: the responsibility covers
 * those who have done their compulsory schooling and neither attend nor have completed a
 * <em>national programme</em> (or equivalent). So an introduktionsprogram pupil is a member (reason
 * IM), a studiebevis after a completed national programme is completion, and there is no clause
 * for immigrants who arrived after compulsory-school age.
 */
public final class RuleSet2015 extends RuleSet {

    static final RuleSet2015 INSTANCE = new RuleSet2015();

    private RuleSet2015() {
        super(false, false, true, true);
    }

    @Override
    public RuleSetVersion version() {
        return RuleSetVersion.V2015;
    }
}
