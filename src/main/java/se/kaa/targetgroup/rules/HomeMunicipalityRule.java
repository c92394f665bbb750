package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.List;

import se.kaa.intake.PopulationFact;
import se.kaa.intake.SnapshotFact;
import se.kaa.shared.MunicipalityCode;

/**
 * Condition 1, hemkommun (skollagen 29 kap. 9 § first paragraph: "hemkommunen"): folkbokförd in
 * the municipality on the date, or placed there by a manual, audited decision.
 *
 * <p>Stays are derived from the folkbokföring snapshots by {@link PersonContext}: a listing shows
 * her there from {@code registeredSince}; she left on the date of the first later snapshot of the
 * municipality that misses her while she is of snapshot age (15–20), or earlier, on the
 * {@code registeredSince} of a later listing in another municipality.
 */
public final class HomeMunicipalityRule implements ConditionRule {

    @Override
    public Condition condition() {
        return Condition.HOME_MUNICIPALITY;
    }

    @Override
    public boolean test(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        for (Stay s : person.staysIn(municipality)) {
            if (s.covers(date)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ConditionOutcome evaluate(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        List<Stay> stays = person.staysIn(municipality);
        if (stays.isEmpty()) {
            return new ConditionOutcome(condition(), false, List.of(Finding.of(FindingKey.HOME_NEVER, municipality)));
        }
        Stay before = null;
        for (Stay s : stays) {
            if (s.covers(date)) {
                return new ConditionOutcome(condition(), true, List.of(shows(s)));
            }
            if (s.until() != null && !s.until().isAfter(date)) {
                before = s;
            }
        }
        if (before != null) {
            return new ConditionOutcome(condition(), false, List.of(shows(before), ended(before)));
        }
        Stay next = stays.get(0);
        return new ConditionOutcome(condition(), false,
                List.of(Finding.of(FindingKey.HOME_NOT_YET, next.startProvenance(), municipality, next.from())));
    }

    private static Finding shows(Stay s) {
        if (s.isPlacement()) {
            return s.placement().to() == null
                    ? Finding.of(FindingKey.HOME_PLACED, s.startProvenance(), s.municipality(), s.from())
                    : Finding.of(FindingKey.HOME_PLACED_UNTIL, s.startProvenance(), s.municipality(), s.from(),
                            s.placement().to());
        }
        return Finding.of(FindingKey.HOME_REGISTERED, s.startProvenance(), s.municipality(), s.from(),
                s.listing().asOf());
    }

    private static Finding ended(Stay s) {
        MunicipalityCode m = s.municipality();
        return switch (s.endKind()) {
            case MISSING_FROM_SNAPSHOT -> Finding.of(FindingKey.HOME_MOVED_OUT_MISSING, s.endProvenance(), m,
                    ((SnapshotFact) s.endFact()).asOf());
            case REGISTERED_ELSEWHERE -> Finding.of(FindingKey.HOME_MOVED_OUT_ELSEWHERE, s.endProvenance(), m,
                    s.until(), ((PopulationFact) s.endFact()).municipality());
            case REREGISTERED -> Finding.of(FindingKey.HOME_MOVED_OUT_REREGISTERED, s.endProvenance(), m, s.until());
            case PLACEMENT_ENDED -> Finding.of(FindingKey.HOME_PLACEMENT_ENDED, s.endProvenance(), m,
                    s.until().minusDays(1));
        };
    }
}
