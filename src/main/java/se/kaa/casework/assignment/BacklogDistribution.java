package se.kaa.casework.assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.casework.worklist.Worklist;
import se.kaa.platform.ProblemException.FieldProblem;
import se.kaa.platform.ProblemException;
import se.kaa.shared.MunicipalityCode;

/**
 * The unassigned backlog of a municipality and each case worker's load, and two ways to hand it out
 * at once: by the assignment rules, or evenly – each case, most urgent first (the worklist's order),
 * to the handläggare with the fewest open cases at that moment. Loads are the worklist's per-case-worker
 * summary, so the page and the distribution count alike.
 */
@Component
public class BacklogDistribution {

    /** A handläggare of the municipality and her open and overdue cases. */
    public record Load(String username, String displayName, long open, long overdue) {
    }

    public record Backlog(long unassigned, long unassignedOverdue, List<Load> loads) {
    }

    private final Worklist worklist;
    private final AssignmentService assignments;
    private final AssignmentRules rules;
    private final AssignmentCandidates candidates;

    BacklogDistribution(Worklist worklist, AssignmentService assignments, AssignmentRules rules,
                        AssignmentCandidates candidates) {
        this.worklist = worklist;
        this.assignments = assignments;
        this.rules = rules;
        this.candidates = candidates;
    }

    public Backlog backlog(MunicipalityCode municipality) {
        Worklist.Page page = worklist.list(municipality, Worklist.Filter.everything(), 0, 1);
        Map<String, Worklist.WorkerLoad> byWorker = new LinkedHashMap<>();
        page.workers().forEach(w -> byWorker.put(w.assignee(), w));
        List<Load> loads = new ArrayList<>();
        for (AssignmentCandidates.Candidate w : candidates.caseWorkers(municipality)) {
            Worklist.WorkerLoad l = byWorker.get(w.username());
            loads.add(new Load(w.username(), w.displayName(), l == null ? 0 : l.cases(), l == null ? 0 : l.overdue()));
        }
        Worklist.WorkerLoad none = byWorker.get(null);
        return new Backlog(none == null ? 0 : none.cases(), none == null ? 0 : none.overdue(), loads);
    }

    /**
     * Hands every unassigned open case to the handläggare with the fewest open cases, most urgent case
     * first; {@code expected}: the number of unassigned cases the user saw (another number: nothing is
     * done, 409). Returns how many each got, by display name.
     */
    @Transactional
    public Map<String, Integer> evenly(MunicipalityCode municipality, long expected) {
        Backlog backlog = backlog(municipality);
        check(backlog, expected);
        if (backlog.loads().isEmpty()) {
            throw ProblemException.invalidFields(List.of(new FieldProblem("how", "casework.backlog.noWorkers")));
        }
        List<Worklist.Row> cases = worklist.list(municipality,
                new Worklist.Filter(null, true, null, null, null, false, null, null), 0, Integer.MAX_VALUE).rows();
        record Worker(String username, String name, long[] load) {
        }
        PriorityQueue<Worker> queue = new PriorityQueue<>(Comparator.<Worker>comparingLong(w -> w.load()[0])
                .thenComparing(Worker::username));
        backlog.loads().forEach(l -> queue.add(new Worker(l.username(), l.displayName(), new long[] {l.open()})));
        Map<Worker, List<Long>> given = new LinkedHashMap<>();
        for (Worklist.Row c : cases) {
            Worker w = queue.poll();
            given.computeIfAbsent(w, k -> new ArrayList<>()).add(c.caseId());
            w.load()[0]++;
            queue.add(w);
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        given.forEach((who, ids) -> result.put(who.name(), assignments.assignAll(ids, who.username())));
        return result;
    }

    /** Applies the assignment rules to every unassigned open case; returns how many were assigned. */
    @Transactional
    public int byRules(MunicipalityCode municipality, long expected) {
        check(backlog(municipality), expected);
        List<Long> ids = worklist.list(municipality, new Worklist.Filter(null, true, null, null, null, false, null, null),
                0, Integer.MAX_VALUE).rows().stream().map(Worklist.Row::caseId).toList();
        return ids.isEmpty() ? 0 : rules.apply(ids);
    }

    private static void check(Backlog backlog, long expected) {
        if (backlog.unassigned() != expected) {
            throw new ProblemException(org.springframework.http.HttpStatus.CONFLICT, "casework.backlog.stale",
                    "The unassigned cases changed: " + backlog.unassigned() + " now, " + expected + " expected");
        }
    }
}
