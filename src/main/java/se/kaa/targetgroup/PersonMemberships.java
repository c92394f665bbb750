package se.kaa.targetgroup;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A person's membership as other modules may show it (e.g. in her register extract): her stored
 * episodes and today's explanation, rendered in Swedish.
 */
public interface PersonMemberships {

    /** Every stored episode, newest first. */
    List<EpisodeSummary> episodesOf(UUID personId);

    /** Today's explanation; empty when she is unknown or was never in a municipality this installation serves. */
    Optional<Explanation> explainToday(UUID personId);

    /** An episode; {@code ruleSet} is the {@link RuleSetVersion} name, {@code exited} {@code null} while open. */
    record EpisodeSummary(String municipality, LocalDate entered, ReasonForRegistration reason, EntryKind entryKind,
                          RuleSetVersion ruleSet, LocalDate exited, ExitReason exitReason) {
    }

    /** The assessment on {@code date} in {@code municipality}, each condition with its findings and their sources. */
    record Explanation(LocalDate date, String municipality, String ruleSet, boolean member, String reason,
                       LocalDate memberSince, String summary, List<ExplainedCondition> conditions) {
    }

    record ExplainedCondition(String condition, String label, boolean satisfied, List<String> findings) {
    }
}
