package se.kaa.casework.worklist;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import se.kaa.casework.assignment.AssignmentCandidates;
import se.kaa.casework.worklist.NextStep;

/**
 * The worklist's lines as a person reads them: the next step in words ("Inget kontaktförsök – 12
 * dagar, mål 7", "Nytt kontaktförsök planerat i går") and the case worker's name instead of her user
 * name.
 */
@Component
public class WorklistLines {

    static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    /** "27 dec. 2023": a line must fit on one row. */
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", SWEDISH);
    /** Dates further away than this are written as dates, nearer ones as "om 3 dagar", "för 2 dagar sedan". */
    static final int RELATIVE_DAYS = 30;

    /**
     * One line: the row, its next step and the texts shown. {@code late}: "Försenad" when a clock of
     * the case is past its target (the case page says which and by how much), else null.
     */
    public record Line(Worklist.Row row, NextStep next, String text, String late, String assignee) {
    }

    private final MessageSource messages;

    WorklistLines(MessageSource messages) {
        this.messages = messages;
    }

    public List<Line> of(List<Worklist.Row> rows, Map<String, String> names, LocalDate today) {
        return rows.stream().map(r -> {
            NextStep next = NextStep.of(r, today);
            return new Line(r, next, text(next, today), late(next), names.get(r.assignee()));
        }).toList();
    }

    /** User name → display name, with "Ej tilldelad" for none and the user name for someone no longer assignable. */
    Map<String, String> names(List<AssignmentCandidates.Candidate> candidates, List<Worklist.Row> rows,
                              List<Worklist.WorkerLoad> workers) {
        Map<String, String> names = new HashMap<>();
        names.put(null, text("casework.worklist.unassigned"));
        rows.forEach(r -> names.putIfAbsent(r.assignee(), r.assignee()));
        workers.forEach(w -> names.putIfAbsent(w.assignee(), w.assignee()));
        candidates.forEach(c -> names.put(c.username(), c.displayName()));
        return names;
    }

    public String late(NextStep next) {
        return next.overdue() ? text("casework.worklist.late") : null;
    }

    public String text(NextStep next, LocalDate today) {
        String key = "casework.next." + next.kind().name();
        return switch (next.kind()) {
            case FIRST_ATTEMPT, FIRST_CONTACT, FIRST_MEASURE -> text(key, next.days(), next.targetDays());
            case NOTHING_DUE -> next.date() == null ? text(key) : text(key + ".planned", when(next.date(), today));
            default -> text(key, when(next.date(), today));
        };
    }

    /** A date in words, seen from today: "i dag", "i morgon", "om 5 dagar", "för 3 dagar sedan", "4 mars 2027". */
    String when(LocalDate date, LocalDate today) {
        long days = java.time.temporal.ChronoUnit.DAYS.between(today, date);
        if (days == 0) {
            return text("casework.when.today");
        }
        if (days == 1) {
            return text("casework.when.tomorrow");
        }
        if (days == -1) {
            return text("casework.when.yesterday");
        }
        if (Math.abs(days) <= RELATIVE_DAYS) {
            return days > 0 ? text("casework.when.in", days) : text("casework.when.ago", -days);
        }
        return text("casework.when.on", SHORT_DATE.format(date));
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, SWEDISH);
    }
}
