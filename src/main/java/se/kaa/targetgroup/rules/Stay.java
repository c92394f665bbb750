package se.kaa.targetgroup.rules;

import java.time.LocalDate;

import se.kaa.intake.PlacementFact;
import se.kaa.intake.PopulationFact;
import se.kaa.intake.Provenance;
import se.kaa.intake.SnapshotFact;
import se.kaa.shared.MunicipalityCode;

/**
 * A period in which the person belongs to a municipality for condition 1, derived from the
 * folkbokföring snapshots or a placement decision.
 *
 * @param from       first day
 * @param until      first day no longer there; {@code null} while no evidence says she left
 * @param listing    the snapshot row that shows the stay (for a registered stay)
 * @param placement  the decision (for a placed stay)
 * @param endKind    what ended the stay, {@code null} while open
 * @param endFact    the snapshot ({@link SnapshotFact}) or row ({@link PopulationFact}) that ended it
 */
public record Stay(
        MunicipalityCode municipality,
        LocalDate from,
        LocalDate until,
        PopulationFact listing,
        PlacementFact placement,
        EndKind endKind,
        Object endFact) {

    /** How a stay's end was inferred. */
    public enum EndKind {
        /** missing from a later snapshot of the municipality while of snapshot age */
        MISSING_FROM_SNAPSHOT,
        /** listed later in another municipality, registered there since this date */
        REGISTERED_ELSEWHERE,
        /** registered in the same municipality again later: she must have left in between */
        REREGISTERED,
        /** the placement decision's last day passed */
        PLACEMENT_ENDED
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(from) && (until == null || date.isBefore(until));
    }

    public boolean isPlacement() {
        return placement != null;
    }

    Provenance startProvenance() {
        return placement != null ? placement.provenance() : listing.provenance();
    }

    Provenance endProvenance() {
        if (endFact instanceof SnapshotFact s) {
            return s.provenance();
        }
        if (endFact instanceof PopulationFact p) {
            return p.provenance();
        }
        if (endFact instanceof PlacementFact p) {
            return p.provenance();
        }
        return placement != null ? placement.provenance() : null;
    }

    Stay withUntil(LocalDate newUntil, EndKind kind, Object fact) {
        return new Stay(municipality, from, newUntil, listing, placement, kind, fact);
    }
}
