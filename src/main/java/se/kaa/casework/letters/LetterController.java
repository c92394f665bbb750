package se.kaa.casework.letters;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.casework.cases.CaseId;
import se.kaa.platform.Installation;
import se.kaa.security.CurrentAccess;

/**
 * Letters from the case page (one) and the worklist's bulk form (many, in one PDF). A single letter to
 * a person with protected identity or without an address is refused with a Swedish page (422); in
 * bulk, when any case would be skipped nothing is generated yet: a summary page names the skipped
 * cases and why, and offers to generate the letters of the others. More than
 * {@code kaa.casework.letters.max-per-request} letters in one request is refused (400).
 *
 * <p>A generated letter is a draft: it is marked sent on the case page, or – for a printed batch – all
 * at once on the page of letter batches ({@code /arenden/brev/omgangar}); only then is it a contact
 * attempt.
 */
@Controller
class LetterController {

    static final int BATCHES_SHOWN = 100;

    private final LetterService letters;
    private final LetterProperties properties;
    private final CurrentAccess access;
    private final Installation installation;

    LetterController(LetterService letters, LetterProperties properties, CurrentAccess access,
                     Installation installation) {
        this.letters = letters;
        this.properties = properties;
        this.access = access;
        this.installation = installation;
    }

    @PostMapping("/arenden/{id}/brev")
    ModelAndView single(@PathVariable CaseId id, @RequestParam(required = false) LetterKind template, Principal principal,
                  Model model) {
        long caseId = id.value();
        LetterKind kind = template;
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
        return pdf(letters.draft(plan.letters(), kind, principal.getName(), "POST /arenden/{id}/brev"),
                "brev-" + caseId + ".pdf");
    }

    @PostMapping("/arenden/brev")
    ModelAndView bulk(@RequestParam(name = "caseIds", required = false) List<CaseId> caseIds,
                @RequestParam(required = false) LetterKind template, Principal principal, Model model) {
        LetterKind kind = template;
        List<CaseId> given = caseIds == null ? List.of() : caseIds.stream().filter(java.util.Objects::nonNull).toList();
        if (given.size() > properties.maxPerRequest()) {
            model.addAttribute("error", "letters.error.tooMany");
            model.addAttribute("errorArg", properties.maxPerRequest());
            return page(model, HttpStatus.BAD_REQUEST);
        }
        List<Long> ids = new ArrayList<>();
        given.forEach(c -> ids.add(c.value()));
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
        return pdf(letters.draft(plan.letters(), kind, principal.getName(), "POST /arenden/brev"), "brev.pdf");
    }

    /** One draft letter of the case was posted: it becomes a contact attempt. */
    @PostMapping("/arenden/{id}/brev/{letterId}/skickat")
    String markSent(@PathVariable CaseId id, @PathVariable long letterId, Principal principal,
                    RedirectAttributes redirect) {
        long caseId = id.value();
        letters.markSent(caseId, letterId, principal.getName(), "POST /arenden/{id}/brev/{letterId}/skickat");
        redirect.addFlashAttribute("letterSent", true);
        return "redirect:/arenden/" + caseId + "#brev-och-meddelanden";
    }

    /** The generated batches of letters, those with drafts left first to mark as posted. */
    @GetMapping("/arenden/brev/omgangar")
    String batches(Model model) {
        model.addAttribute("batches", letters.batches(access.scope().granted(installation.servedMunicipalities()),
                BATCHES_SHOWN));
        return "casework/letter-batches";
    }

    /** Every draft letter of a printed batch was posted: each becomes a contact attempt. */
    @PostMapping("/arenden/brev/omgangar/{batchId}/skickade")
    String markBatchSent(@PathVariable long batchId, Principal principal, RedirectAttributes redirect) {
        int marked = letters.markBatchSent(batchId, principal.getName(),
                "POST /arenden/brev/omgangar/{batchId}/skickade");
        redirect.addFlashAttribute("batchSent", marked);
        return "redirect:/arenden/brev/omgangar";
    }

    /**
     * The PDF of freshly drafted letters as the answer to a form post (a download), written part by
     * part to the response.
     */
    private ModelAndView pdf(LetterService.Drafted drafted, String filename) {
        View view = (model, request, response) -> {
            response.setContentType(MediaType.APPLICATION_PDF_VALUE);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(filename).build().toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setHeader(LetterApiController.BATCH_HEADER, String.valueOf(drafted.batchId()));
            letters.writePdf(drafted, response.getOutputStream());
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

    /**
     * A template that is none of the letters is said as a missing one is; a case id that is no id is an
     * unknown case (404).
     */
    @org.springframework.web.bind.annotation.ExceptionHandler(MethodArgumentTypeMismatchException.class)
    org.springframework.web.servlet.ModelAndView mismatch(MethodArgumentTypeMismatchException e) {
        return problemPage("template".equals(e.getName())
                ? new se.kaa.platform.ProblemException(HttpStatus.BAD_REQUEST, "letters.error.template", "Unknown template")
                : se.kaa.platform.ProblemException.notFound("Case"));
    }
}
