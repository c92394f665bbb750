package se.kaa.casework.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

import se.kaa.casework.internal.CaseAccess;
import se.kaa.casework.internal.LetterKind;
import se.kaa.casework.internal.LetterService;

/**
 * Letters from the case page (one) and the worklist's bulk form (many, in one PDF). A single letter to
 * a person with protected identity or without an address is refused with a Swedish page (422); in
 * bulk, when any case would be skipped nothing is generated yet: a summary page names the skipped
 * cases and why, and offers to generate the letters of the others.
 */
@Controller
class LetterController {

    private final LetterService letters;

    LetterController(LetterService letters) {
        this.letters = letters;
    }

    @PostMapping("/arenden/{id}/brev")
    ModelAndView single(@PathVariable String id, @RequestParam(required = false) String template, Principal principal,
                  Model model) {
        long caseId = CaseAccess.id(id);
        LetterKind kind = LetterKind.parse(template).orElse(null);
        LetterService.Plan plan = letters.plan(List.of(caseId));
        if (kind == null) {
            model.addAttribute("error", "letters.error.template");
            model.addAttribute("caseId", caseId);
            return page(model, HttpStatus.BAD_REQUEST);
        }
        if (!plan.skipped().isEmpty()) {
            model.addAttribute("skipped", plan.skipped());
            model.addAttribute("single", true);
            model.addAttribute("caseId", caseId);
            return page(model, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        return pdf(letters.generate(plan.letters(), kind, principal.getName(), "POST /arenden/{id}/brev"),
                "brev-" + caseId + ".pdf");
    }

    @PostMapping("/arenden/brev")
    ModelAndView bulk(@RequestParam(name = "caseIds", required = false) List<String> caseIds,
                @RequestParam(required = false) String template, Principal principal, Model model) {
        LetterKind kind = LetterKind.parse(template).orElse(null);
        List<Long> ids = new ArrayList<>();
        if (caseIds != null) {
            caseIds.stream().filter(s -> !s.isBlank()).forEach(s -> ids.add(CaseAccess.id(s.trim())));
        }
        if (ids.isEmpty() || kind == null) {
            model.addAttribute("error", ids.isEmpty() ? "letters.error.noCases" : "letters.error.template");
            return page(model, HttpStatus.BAD_REQUEST);
        }
        LetterService.Plan plan = letters.plan(ids);
        if (!plan.skipped().isEmpty()) {
            model.addAttribute("skipped", plan.skipped());
            model.addAttribute("remaining", plan.letters().stream().map(LetterService.Addressee::caseId).toList());
            model.addAttribute("template", kind.name());
            return page(model, plan.letters().isEmpty() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK);
        }
        return pdf(letters.generate(plan.letters(), kind, principal.getName(), "POST /arenden/brev"), "brev.pdf");
    }

    /** The PDF as the answer to a form post (a download). */
    static ModelAndView pdf(byte[] body, String filename) {
        View view = (model, request, response) -> {
            response.setContentType(MediaType.APPLICATION_PDF_VALUE);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(filename).build().toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        };
        return new ModelAndView(view);
    }

    /** A refused UI request: not found like an unknown page, anything else on the letters page in Swedish. */
    static ModelAndView problemPage(se.kaa.platform.ProblemException e) {
        if (e.status() == HttpStatus.NOT_FOUND) {
            return new ModelAndView("ui/not-found", java.util.Map.of(), HttpStatus.NOT_FOUND);
        }
        return new ModelAndView("casework/letter-summary", java.util.Map.of("error", e.detailKey()), e.status());
    }

    private static ModelAndView page(Model model, HttpStatus status) {
        return new ModelAndView("casework/letter-summary", model.asMap(), status);
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(se.kaa.platform.ProblemException.class)
    org.springframework.web.servlet.ModelAndView problem(se.kaa.platform.ProblemException e) {
        return LetterController.problemPage(e);
    }
}
