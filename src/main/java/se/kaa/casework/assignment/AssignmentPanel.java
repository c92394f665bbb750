package se.kaa.casework.assignment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.records.CasePagePanel;

/** The assignment section of the case page: the case worker, the form to change her, the history. */
@Component
class AssignmentPanel implements CasePagePanel {

    private final AssignmentCandidates candidates;
    private final AssignmentService assignments;

    AssignmentPanel(AssignmentCandidates candidates, AssignmentService assignments) {
        this.candidates = candidates;
        this.assignments = assignments;
    }

    @Override
    public String template() {
        return "casework/panel-assignment";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Map<String, Object> model(CaseAccess.CaseRef caseRef) {
        return model(caseRef, null, null);
    }

    /** With an error and the input she gave, to re-apply after a refused save. */
    Map<String, Object> model(CaseAccess.CaseRef caseRef, String error, String input) {
        Map<String, Object> model = new LinkedHashMap<>();
        var all = candidates.of(caseRef.municipality());
        model.put("assignmentCandidates", all);
        // her name; the user name of someone who may no longer be assigned
        model.put("assignmentCurrent", AssignmentCandidates.nameOf(all, caseRef.assignee()));
        model.put("assignmentHistory", assignments.history(caseRef.id()));
        model.put("assignmentError", error);
        model.put("assignmentInput", input != null ? input : caseRef.assignee() == null ? "" : caseRef.assignee());
        return model;
    }
}
