package se.kaa.casework.assignment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import se.kaa.platform.FormProblems;
import se.kaa.platform.Installation;
import se.kaa.security.CurrentAccess;
import se.kaa.security.Granted;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.SchoolUnitCode;
import se.kaa.targetgroup.ReasonForRegistration;

/** {@code /admin/arenden/fordelning}: a municipality's ordered assignment rules. */
@Controller
class AssignmentRulesPageController {

    private final AssignmentRules rules;
    private final FormProblems formProblems;
    private final AssignmentCandidates candidates;
    private final Installation installation;
    private final CurrentAccess access;
    private final se.kaa.casework.assignment.BacklogDistribution backlog;
    private final org.springframework.context.MessageSource messages;

    AssignmentRulesPageController(AssignmentRules rules, AssignmentCandidates candidates, Installation installation,
                                  CurrentAccess access, BacklogDistribution backlog,
                                  org.springframework.context.MessageSource messages, FormProblems formProblems) {
        this.formProblems = formProblems;
        this.backlog = backlog;
        this.messages = messages;
        this.rules = rules;
        this.candidates = candidates;
        this.installation = installation;
        this.access = access;
    }

    @GetMapping("/admin/arenden/fordelning")
    String show(@Granted MunicipalityCode municipality, Model model) {
        return page(municipality, Map.of(), Map.of(), List.of(), model);
    }

    /** A new assignment rule as the form sends it: which cases (all blank: every case); to whom is {@code assignees}. */
    record NewRule(SchoolUnitCode school, ReasonForRegistration reason,
                   @Min(15) @Max(20) Integer ageMin, @Min(15) @Max(20) Integer ageMax) {
    }

    /** What the page says of a wrong field of the rule. */
    private static final Map<String, String> SAID = Map.of("school", "casework.rules.error.school",
            "reason", "casework.problem.reason", "ageMin", "casework.rules.error.age", "ageMax", "casework.rules.error.age");

    @PostMapping("/admin/arenden/fordelning")
    String add(@Granted(exactly = true) MunicipalityCode m, @Valid NewRule rule, BindingResult binding,
               @RequestParam Map<String, String> submitted /* shown again as she typed it */,
               @RequestParam(name = "assignees", required = false) List<String> assignees, Model model,
               HttpServletResponse response) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : List.of("school", "reason", "ageMin", "ageMax")) {
            values.put(field, submitted.getOrDefault(field, "").strip());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (binding.hasErrors()) {
            formProblems.of(binding, NewRule.class, submitted).fieldProblems()
                    .forEach(p -> errors.putIfAbsent(p.field(), SAID.getOrDefault(p.field(), "input.format")));
        }
        // (when a field did not bind, the rule is not there: what she chose is read as she sent it)
        List<String> chosen = assignees == null ? List.of() : assignees.stream().filter(a -> !a.isBlank()).distinct().toList();
        Integer min = rule != null ? rule.ageMin() : number(values.get("ageMin"));
        Integer max = rule != null ? rule.ageMax() : number(values.get("ageMax"));
        if (min != null && max != null && min > max) {
            errors.put("ageMax", "casework.rules.error.ageOrder");
        }
        List<String> allowed = candidates.of(m).stream().map(AssignmentCandidates.Candidate::username).toList();
        if (chosen.isEmpty()) {
            errors.putIfAbsent("assignees", "casework.rules.error.assignees");
        } else if (!allowed.containsAll(chosen)) {
            errors.put("assignees", "casework.assignment.invalidAssignee");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(m, values, errors, chosen, model);
        }
        rules.add(m, rule.school() == null ? null : rule.school().value(), rule.reason() == null ? null : rule.reason().name(),
                rule.ageMin(), rule.ageMax(), chosen, access.scope().username());
        return "redirect:/admin/arenden/fordelning?municipality=" + m.value();
    }

    private static Integer number(String value) {
        return value != null && value.matches("\\d{1,2}") ? Integer.valueOf(value) : null;
    }

    /**
     * Hands out the unassigned backlog at once: {@code how} EVENLY (to the handläggare with the fewest
     * open cases, most urgent first) or RULES; {@code expected} is the number of unassigned cases the
     * page showed – if it changed since, nothing is done and the page says so.
     */
    @PostMapping("/admin/arenden/fordelning/fordela")
    String distribute(@Granted(exactly = true) MunicipalityCode m, @RequestParam(required = false) String how,
                      @RequestParam(required = false) String expected,
                      org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        long n = expected != null && expected.matches("\\d{1,9}") ? Long.parseLong(expected) : -1;
        try {
            if ("RULES".equals(how)) {
                int assigned = backlog.byRules(m, n);
                redirect.addFlashAttribute("backlogDone", text("casework.backlog.done.rules", assigned));
            } else if ("EVENLY".equals(how)) {
                Map<String, Integer> given = backlog.evenly(m, n);
                String each = given.entrySet().stream()
                        .map(e -> text("casework.backlog.done.each", e.getKey(), e.getValue()))
                        .collect(java.util.stream.Collectors.joining(", "));
                int total = given.values().stream().mapToInt(Integer::intValue).sum();
                redirect.addFlashAttribute("backlogDone", text("casework.backlog.done.evenly", total, each));
            } else {
                redirect.addFlashAttribute("backlogError", text("casework.backlog.how"));
            }
        } catch (se.kaa.platform.ProblemException e) {
            String key = e.fieldProblems().isEmpty() ? e.detailKey() : e.fieldProblems().get(0).messageKey();
            redirect.addFlashAttribute("backlogError", text(key));
        }
        return "redirect:/admin/arenden/fordelning?municipality=" + m.value();
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, java.util.Locale.forLanguageTag("sv-SE"));
    }

    @PostMapping("/admin/arenden/fordelning/ta-bort")
    String delete(@Granted(exactly = true) MunicipalityCode m, @RequestParam long id) {
        rules.delete(m, id);
        return "redirect:/admin/arenden/fordelning?municipality=" + m.value();
    }

    @PostMapping("/admin/arenden/fordelning/flytta-upp")
    String moveUp(@Granted(exactly = true) MunicipalityCode m, @RequestParam long id) {
        rules.moveUp(m, id);
        return "redirect:/admin/arenden/fordelning?municipality=" + m.value();
    }

    private String page(MunicipalityCode m, Map<String, String> values, Map<String, String> errors, List<String> chosen,
                        Model model) {
        model.addAttribute("municipalities", access.scope().granted(installation.servedMunicipalities()));
        model.addAttribute("municipality", m);
        model.addAttribute("rules", rules.of(m));
        model.addAttribute("backlog", backlog.backlog(m));
        model.addAttribute("candidates", candidates.of(m));
        model.addAttribute("reasons", ReasonForRegistration.values());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("chosen", new ArrayList<>(chosen));
        return "casework/settings-rules";
    }

}
