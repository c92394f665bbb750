package se.kaa.targetgroup.rules;

import se.kaa.targetgroup.RuleSetVersion;

/**
 * Skollagen 29 kap. 9 § from 2023-07-02, when gymnasiesärskolan was renamed anpassad
 * gymnasieskola: the same logic as {@link RuleSet2018}.
 */
public final class RuleSet2023 extends RuleSet2018 {

    static final RuleSet2023 INSTANCE = new RuleSet2023();

    private RuleSet2023() {
    }

    @Override
    public RuleSetVersion version() {
        return RuleSetVersion.V2023;
    }
}
