package se.kaa.casework.worklist;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.assignment.AssignmentCandidates;
import se.kaa.casework.assignment.AssignmentService;
import se.kaa.casework.cases.CaseId;
import se.kaa.casework.letters.LetterKind;
import se.kaa.casework.worklist.Worklist.Category;
import se.kaa.platform.Installation;
import se.kaa.platform.ProblemException;
import se.kaa.security.AccessScope;
import se.kaa.security.Granted;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.ReasonForRegistration;

/** The worklist page {@code /arenden} and its bulk assignment. */
@Controller
class WorklistPageController {

    static final int PAGE_SIZE = 50;

    private final Worklist worklist;
    private final AssignmentService assignments;
    private final AssignmentCandidates candidates;
    private final Installation installation;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;
    private final WorklistLines lines;

    WorklistPageController(Worklist worklist, AssignmentService assignments, AssignmentCandidates candidates,
                           Installation installation, AuditLog audit, MessageSource messages,
                           Clock clock, WorklistLines lines) {
        this.lines = lines;
        this.worklist = worklist;
        this.assignments = assignments;
        this.candidates = candidates;
        this.installation = installation;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * The worklist. A filter in the address that cannot be read (an old or hand-edited link) is not an
     * error page: the whole worklist is shown, with a line saying the filter was left out.
     */
    @GetMapping("/arenden")
    String list(@Granted MunicipalityCode m, AccessScope scope, @Valid WorklistQuery query, BindingResult binding,
                Model model, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            redirect.addFlashAttribute("filterIgnored", true);
            return "redirect:/arenden?municipality=" + m.value();
        }
        List<MunicipalityCode> granted = scope.granted(installation.servedMunicipalities());
        String who = query.assignee();
        String r = query.reason() == null ? null : query.reason().name();
        Integer a = query.age();
        String s = query.school() == null ? null : query.school().value();
        boolean o = Boolean.TRUE.equals(query.overdue());
        Category c = query.category();
        int p = query.pageOr(0);
        // her own cases first when she looks at everyone's
        Worklist.Page result = worklist.list(m, query.filter(scope.username()), p, PAGE_SIZE, scope.username());
        audit.record(AuditEvent.read("WORKLIST_VIEWED", m, result.rows().stream().map(Worklist.Row::personId).toList(),
                "GET /arenden page=" + p));
        model.addAttribute("municipalities", granted);
        model.addAttribute("municipality", m);
        model.addAttribute("assignee", who);
        model.addAttribute("reason", r);
        model.addAttribute("age", a);
        model.addAttribute("school", s);
        model.addAttribute("overdue", o);
        model.addAttribute("category", c);
        model.addAttribute("categories", Category.values());
        model.addAttribute("reasons", ReasonForRegistration.values());
        model.addAttribute("ages", new int[] {16, 17, 18, 19});
        model.addAttribute("schools", result.schools());
        List<AssignmentCandidates.Candidate> assignable = candidates.of(m);
        LocalDate today = LocalDate.now(clock);
        java.util.Map<String, String> names = lines.names(assignable, result.rows(), result.workers());
        model.addAttribute("candidates", assignable);
        model.addAttribute("lines", lines.of(result.rows(), names, today));
        model.addAttribute("workerNames", names);
        model.addAttribute("filtered", query.filtered());
        model.addAttribute("letterKinds", se.kaa.casework.letters.LetterKind.values());
        model.addAttribute("result", result);
        model.addAttribute("today", today);
        model.addAttribute("page", p);
        model.addAttribute("pages", Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("query", UriComponentsBuilder.fromPath("/arenden").queryParam("municipality", m.value())
                .queryParam("assignee", who).queryParam("reason", r == null ? "" : r)
                .queryParam("age", a == null ? "" : a).queryParam("school", s == null ? "" : s)
                .queryParam("overdue", o ? "true" : "").build().toUriString());
        return "casework/worklist";
    }

    /** Bulk assignment of the ticked cases; back to the worklist it was made from. */
    @PostMapping("/arenden/tilldelning")
    String assign(@RequestParam(required = false) List<CaseId> caseIds,
                  @RequestParam(required = false) String assignTo,
                  @RequestParam(required = false) String returnTo,
                  RedirectAttributes redirect, HttpServletResponse response, Model model) {
        String back = returnTo != null && returnTo.startsWith("/arenden") && !returnTo.startsWith("//") ? returnTo : "/arenden";
        if (caseIds == null || caseIds.isEmpty()) {
            redirect.addFlashAttribute("bulkError", text("casework.worklist.bulk.none"));
            return "redirect:" + back;
        }
        List<Long> ids = caseIds.stream().map(CaseId::value).toList();
        try {
            int n = assignments.assignAll(ids, "-".equals(assignTo) ? null : assignTo);
            redirect.addFlashAttribute("bulkDone", text("casework.worklist.bulk.done", n));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            String message = e.fieldProblems().isEmpty() ? text(e.detailKey(), e.args())
                    : text(e.fieldProblems().get(0).messageKey(), e.fieldProblems().get(0).args().toArray());
            redirect.addFlashAttribute("bulkError", message);
        }
        return "redirect:" + back;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, Locale.forLanguageTag("sv"));
    }
}
