package se.kaa.retention.web;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.platform.Installation;
import se.kaa.retention.RetentionAction;
import se.kaa.retention.RetentionClass;
import se.kaa.retention.RetentionPolicy;
import se.kaa.retention.internal.PolicyStore;
import se.kaa.retention.internal.RetentionPlan;
import se.kaa.retention.internal.RetentionService;
import se.kaa.security.AccessScope;
import se.kaa.security.CurrentAccess;
import se.kaa.shared.MunicipalityCode;

/**
 * The administrator's retention page: the policies of each municipality, the dry run of what the
 * next run removes (persons masked), the log of runs, and a run on demand. She sees and changes only
 * the municipalities she is granted: a policy of any other is refused like one of a municipality
 * not served, and the dry run and the run log show only her municipalities' counts (a run's total
 * is their sum).
 */
@Controller
class RetentionPageController {

    private static final int LISTED_PERSONS = 200;

    private final PolicyStore policies;
    private final RetentionService retention;
    private final Installation installation;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final CurrentAccess access;

    RetentionPageController(PolicyStore policies, RetentionService retention, Installation installation,
                            org.springframework.context.ApplicationEventPublisher events, CurrentAccess access) {
        this.access = access;
        this.policies = policies;
        this.retention = retention;
        this.installation = installation;
        this.events = events;
    }

    @GetMapping("/admin/gallring")
    String page(Model model) {
        AccessScope scope = access.scope();
        Map<MunicipalityCode, List<RetentionPolicy>> byMunicipality = new LinkedHashMap<>();
        for (MunicipalityCode m : scope.granted(installation.servedMunicipalities())) {
            byMunicipality.put(m, policies.policiesOf(m));
        }
        RetentionPlan plan = retention.plan().only(scope::grants);
        model.addAttribute("policies", byMunicipality);
        model.addAttribute("plan", plan);
        model.addAttribute("counts", plan.counts());
        model.addAttribute("due", plan.total());
        model.addAttribute("persons", plan.persons().stream().limit(LISTED_PERSONS).toList());
        events.publishEvent(new se.kaa.retention.RetentionPlanShown(plan.persons().stream().limit(LISTED_PERSONS)
                .map(RetentionPlan.DuePerson::personId).toList()));
        model.addAttribute("morePersons", Math.max(0, plan.persons().size() - LISTED_PERSONS));
        model.addAttribute("runs", retention.recentRuns(20).stream().map(r -> r.only(scope::grants)).toList());
        model.addAttribute("actions", RetentionAction.values());
        model.addAttribute("applied", java.util.Arrays.stream(RetentionClass.values())
                .filter(retention::applied).map(Enum::name).toList());
        return "retention/gallring";
    }

    @PostMapping("/admin/gallring/regel")
    String save(@RequestParam String municipality, @RequestParam String dataClass, @RequestParam String months,
                @RequestParam(required = false) String action, Principal principal, RedirectAttributes redirect) {
        RetentionPolicy policy;
        try {
            MunicipalityCode m = MunicipalityCode.of(municipality);
            if (!installation.serves(m) || !access.scope().grants(m)) {
                throw new IllegalArgumentException("municipality not served or not granted");
            }
            RetentionClass c = RetentionClass.valueOf(dataClass);
            RetentionAction a = action == null || action.isBlank() ? RetentionAction.DELETE : RetentionAction.valueOf(action);
            policy = new RetentionPolicy(m, c, Integer.parseInt(months.strip()), a, false);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", "retention.error.invalid");
            return "redirect:/admin/gallring";
        }
        policies.save(policy, principal.getName());
        redirect.addFlashAttribute("saved", policy.municipality().value());
        return "redirect:/admin/gallring";
    }

    /**
     * Runs what the dry run showed, and only that: the page sends the number of entries it showed and
     * her confirmation; without the confirmation, or when what is due has changed since (a run of the
     * daily job, an import), nothing is removed and she is asked to read the dry run again.
     */
    @PostMapping("/admin/gallring/kor")
    String run(@RequestParam(required = false) String confirm, @RequestParam(required = false) String expected,
               Principal principal, RedirectAttributes redirect) {
        if (confirm == null) {
            redirect.addFlashAttribute("error", "retention.error.confirm");
            return "redirect:/admin/gallring";
        }
        int due = retention.plan().only(access.scope()::grants).total();
        if (!String.valueOf(due).equals(expected == null ? null : expected.strip())) {
            redirect.addFlashAttribute("error", "retention.error.changed");
            return "redirect:/admin/gallring";
        }
        // Her run removes only what is due in her own municipalities.
        RetentionService.Run run = retention.run("MANUAL", principal.getName(), access.scope()::grants);
        redirect.addFlashAttribute("ran", run.only(access.scope()::grants).total());
        return "redirect:/admin/gallring";
    }
}
