package se.kaa.intake;

import java.util.Set;
import java.util.UUID;

/**
 * Published after facts about the persons were committed (an import, a notice, a correction); the
 * target group is recomputed for them.
 *
 * @param cause a short English label for logs, e.g. "inskrivningar import batch 41"
 */
public record FactsChanged(Set<UUID> personIds, String cause) {

    public FactsChanged {
        personIds = Set.copyOf(personIds);
    }
}
