package se.kaa.casework.worklist;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import se.kaa.casework.worklist.Worklist.Category;
import se.kaa.shared.SchoolUnitCode;
import se.kaa.targetgroup.ReasonForRegistration;

/**
 * The worklist's filters as the page's links and the API's query send them, typed and validated at the
 * web edge: {@code assignee} ({@code mine}, {@code unassigned}, blank or {@code everyone}, or a user
 * name), the reason, an age from 15 to 20, a school unit, overdue only, a category (any case, {@code -}
 * for {@code _}: {@link WorklistConverters}), and the API's page and size. Absent is no filter.
 */
public record WorklistQuery(String assignee, ReasonForRegistration reason,
                            @Min(15) @Max(20) Integer age, SchoolUnitCode school, Boolean overdue, Category category,
                            @Min(0) @Max(100_000) Integer page, @Min(1) @Max(WorklistApiController.MAX_SIZE) Integer size) {

    public WorklistQuery {
        assignee = assignee == null ? "" : assignee.strip();
    }

    /** The filter for the user {@code me}: mine → hers, unassigned → nobody's, blank or everyone → all, else that user's. */
    Worklist.Filter filter(String me) {
        String who = switch (assignee) {
            case "", "everyone", "unassigned" -> null;
            case "mine" -> me;
            default -> assignee;
        };
        return new Worklist.Filter(who, "unassigned".equals(assignee), reason == null ? null : reason.name(), age,
                school == null ? null : school.value(), Boolean.TRUE.equals(overdue), category, null);
    }

    boolean filtered() {
        return !assignee.isEmpty() || reason != null || age != null || school != null || Boolean.TRUE.equals(overdue)
                || category != null;
    }

    int pageOr(int otherwise) {
        return page == null ? otherwise : page;
    }

    int sizeOr(int otherwise) {
        return size == null ? otherwise : size;
    }
}
