package se.kaa.casework.assignment;

import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.cases.CaseId;
import se.kaa.casework.worklist.Worklist;
import se.kaa.casework.worklist.WorklistApiController;
import se.kaa.casework.worklist.WorklistLines;
import se.kaa.platform.ProblemException.FieldProblem;
import se.kaa.platform.ProblemException;

/** {@code PUT /api/v1/cases/{id}/assignee}: assigns (or with null unassigns) a case, with optimistic locking. */
@RestController
class AssignmentApiController {

    record AssigneeJson(String assignee, Long version) {
    }

    private final AssignmentService assignments;
    private final CaseAccess cases;
    private final Worklist worklist;
    private final WorklistLines lines;
    private final java.time.Clock clock;

    AssignmentApiController(AssignmentService assignments, CaseAccess cases, Worklist worklist, WorklistLines lines,
                            java.time.Clock clock) {
        this.lines = lines;
        this.clock = clock;
        this.assignments = assignments;
        this.cases = cases;
        this.worklist = worklist;
    }

    @PutMapping("/api/v1/cases/{id}/assignee")
    WorklistApiController.CaseJson assign(@PathVariable CaseId id, @RequestBody(required = false) AssigneeJson body) {
        long caseId = id.value();
        CaseAccess.CaseRef c = cases.load(caseId);
        if (body == null || body.version() == null) {
            throw ProblemException.invalidFields(List.of(new FieldProblem("version", "problem.field.missing", "version")));
        }
        assignments.assign(caseId, body.assignee(), body.version());
        List<Worklist.Row> rows = worklist.list(c.municipality(), Worklist.Filter.everything().withCaseIds(List.of(caseId)),
                0, 1).rows();
        if (rows.isEmpty()) { // closed meanwhile: the worklist lists open cases only
            throw ProblemException.notFound("Case");
        }
        return WorklistApiController.CaseJson.of(lines.of(rows, new java.util.HashMap<>(),
                java.time.LocalDate.now(clock)).get(0));
    }
}
