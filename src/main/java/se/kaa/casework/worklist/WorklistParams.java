package se.kaa.casework.worklist;

import java.util.Arrays;
import java.util.Locale;

import se.kaa.casework.worklist.Worklist.Category;

/** The worklist's filter words shared by the page and the API ({@link WorklistQuery}). */
public final class WorklistParams {

    static final String MINE = "mine";
    static final String UNASSIGNED = "unassigned";

    private WorklistParams() {
    }

    /** {@code null} when the value names no category (blank included). */
    static Category category(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(Category.values()).filter(c -> c.name().equals(v)).findFirst().orElse(null);
    }

    /** mine → her own, unassigned → without one, blank/everyone → all, else the named user's. */
    static Worklist.Filter filter(String assignee, String me, String reason, Integer age, String school,
                                  boolean overdue, Category category) {
        String a = assignee == null ? "" : assignee.strip();
        String who = switch (a) {
            case "", "everyone" -> null;
            case MINE -> me;
            case UNASSIGNED -> null;
            default -> a;
        };
        return new Worklist.Filter(who, UNASSIGNED.equals(a), reason, age, school, overdue, category, null);
    }
}
