package se.kaa.retention;

import java.util.List;
import java.util.UUID;

/**
 * Published when the dry run's list of persons due for removal was shown to a user: a read of their
 * data, which the audit module records (retention cannot call the audit log itself: audit depends on
 * retention as a participant).
 */
public record RetentionPlanShown(List<UUID> personIds) {

    public RetentionPlanShown {
        personIds = List.copyOf(personIds);
    }
}
