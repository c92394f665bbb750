package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import se.kaa.intake.PersonFacts;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.RuleSetVersion;
import se.kaa.targetgroup.TargetGroupSettings;

/**
 * A deliberately naive reference: evaluates every single day with the rules' {@code test} methods
 * and tracks the out-of-school spell day by day. The engine evaluates only at change points; the
 * two must agree on which days she is a member, which proves the change points complete.
 */
final class DayByDayOracle {

    /**
     * Membership as [entered, exited) pairs; exited {@code null} when still a member on {@code until}.
     * The facts are known on {@code until}, as when the engine computes episodes up to it.
     */
    static List<LocalDate[]> memberships(PersonFacts facts, MunicipalityCode m, LocalDate until,
            TargetGroupSettings settings) {
        PersonContext person = PersonContext.of(facts, settings);
        List<LocalDate[]> out = new ArrayList<>();
        LocalDate spell = null;
        boolean prevOut = false;
        LocalDate entered = null;
        for (LocalDate d = facts.pin().birthDate().plusYears(12); !d.isAfter(until); d = d.plusDays(1)) {
            RuleSetVersion version = RuleSetVersion.on(d).orElse(null);
            RuleSet rules = RuleSet.of(version == null ? RuleSetVersion.V2015 : version);
            boolean outOfSchool = rules.compulsorySchooling().test(person, m, d)
                    && rules.notInUpperSecondary().test(person, m, d);
            spell = outOfSchool ? (prevOut ? spell : d) : null;
            prevOut = outOfSchool;
            boolean all = true;
            for (ConditionRule r : rules.conditions()) {
                all &= r.test(person, m, d);
            }
            boolean member = version != null && all && !rules.summerTransition().holds(person, d, spell, until);
            if (member && entered == null) {
                entered = d;
            } else if (!member && entered != null) {
                out.add(new LocalDate[] {entered, d});
                entered = null;
            }
        }
        if (entered != null) {
            out.add(new LocalDate[] {entered, null});
        }
        return out;
    }

    private DayByDayOracle() {
    }
}
