package se.kaa.casework.assignment;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.cases.CaseId;
import se.kaa.platform.ProblemException;

/**
 * The assignment form of the case page. A refused save (someone else changed the case first, or the
 * user may not be assigned) shows the section again on its own page, with the Swedish reason, the case
 * as it now is and her choice kept to re-apply.
 */
@Controller
class AssignmentPageController {

    private final AssignmentService assignments;
    private final CaseAccess cases;
    private final AssignmentPanel panel;
    private final MessageSource messages;

    AssignmentPageController(AssignmentService assignments, CaseAccess cases, AssignmentPanel panel, MessageSource messages) {
        this.assignments = assignments;
        this.cases = cases;
        this.panel = panel;
        this.messages = messages;
    }

    @PostMapping("/arenden/{id}/tilldelning")
    String assign(@PathVariable CaseId id, @RequestParam(required = false) String assignee,
                  @RequestParam(defaultValue = "-1") long version, Model model, HttpServletResponse response) {
        long caseId = id.value();
        cases.load(caseId);
        try {
            assignments.assign(caseId, assignee, version);
            return "redirect:/arenden/" + caseId;
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            response.setStatus(e.status().value());
            String error = e.fieldProblems().isEmpty() ? text(e.detailKey(), e.args())
                    : text(e.fieldProblems().get(0).messageKey(), e.fieldProblems().get(0).args().toArray());
            CaseAccess.CaseRef now = cases.load(caseId);
            model.addAttribute("caseRef", now);
            model.addAllAttributes(panel.model(now, error, assignee == null ? "" : assignee));
            model.addAttribute("standalone", true);
            return "casework/panel-assignment";
        }
    }

    @ExceptionHandler(ProblemException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "ui/not-found";
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, Locale.forLanguageTag("sv"));
    }
}
