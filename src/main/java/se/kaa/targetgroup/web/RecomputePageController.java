package se.kaa.targetgroup.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.targetgroup.internal.RecomputeRequests;

/** The administrator's "recompute now", with the latest runs of the recomputation. */
@Controller
class RecomputePageController {

    private final RecomputeRequests requests;

    RecomputePageController(RecomputeRequests requests) {
        this.requests = requests;
    }

    @GetMapping("/admin/omberakning")
    String page(Model model) {
        model.addAttribute("requests", requests.latest(5));
        model.addAttribute("runs", requests.latestRuns(15));
        return "targetgroup/recompute";
    }

    @PostMapping("/admin/omberakning")
    String request(Authentication user, RedirectAttributes redirect) {
        requests.request(user.getName());
        redirect.addFlashAttribute("requested", true);
        return "redirect:/admin/omberakning";
    }
}
