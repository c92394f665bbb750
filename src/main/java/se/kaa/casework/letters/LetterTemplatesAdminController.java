package se.kaa.casework.letters;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.platform.Installation;
import se.kaa.platform.ProblemException;
import se.kaa.security.CurrentAccess;
import se.kaa.security.Granted;
import se.kaa.shared.MunicipalityCode;

/**
 * The administrator's letter templates ({@code /admin/arenden/brevmallar}): each granted
 * municipality's three templates, edited as plain text with placeholders. An unknown placeholder is
 * refused with a Swedish message naming it, and the text typed is kept on screen.
 */
@Controller
class LetterTemplatesAdminController {

    private final LetterTemplates templates;
    private final Installation installation;
    private final CurrentAccess access;

    LetterTemplatesAdminController(LetterTemplates templates, Installation installation, CurrentAccess access) {
        this.templates = templates;
        this.installation = installation;
        this.access = access;
    }

    @GetMapping("/admin/arenden/brevmallar")
    String list(Model model) {
        Map<MunicipalityCode, Map<LetterKind, LetterTemplates.LetterTemplate>> all = new LinkedHashMap<>();
        for (MunicipalityCode m : access.scope().granted(installation.servedMunicipalities())) {
            all.put(m, templates.of(m));
        }
        model.addAttribute("templates", all);
        return "casework/letter-templates-admin";
    }

    @GetMapping("/admin/arenden/brevmallar/{municipality}/{kind}")
    String edit(@Granted(exactly = true) MunicipalityCode m, @PathVariable("kind") LetterKind k, Model model) {
        LetterTemplates.LetterTemplate t = templates.get(m, k);
        return form(model, m, k, t.heading(), t.body(), List.of());
    }

    @PostMapping("/admin/arenden/brevmallar/{municipality}/{kind}")
    ModelAndView save(@Granted(exactly = true) MunicipalityCode m, @PathVariable("kind") LetterKind k,
                      @RequestParam(defaultValue = "") String heading, @RequestParam(defaultValue = "") String body,
                      Principal principal, Model model, RedirectAttributes redirect) {
        List<LetterTemplates.TemplateError> errors = LetterTemplates.validate(heading, body);
        if (!errors.isEmpty()) {
            return new ModelAndView(form(model, m, k, heading, body, errors), model.asMap(), HttpStatus.BAD_REQUEST);
        }
        templates.save(m, k, heading, body, principal.getName());
        redirect.addFlashAttribute("saved", k.name());
        redirect.addFlashAttribute("savedMunicipality", installation.label(m));
        return new ModelAndView("redirect:/admin/arenden/brevmallar");
    }

    private String form(Model model, MunicipalityCode m, LetterKind k, String heading, String body,
                        List<LetterTemplates.TemplateError> errors) {
        model.addAttribute("municipality", m);
        model.addAttribute("municipalityLabel", installation.label(m));
        model.addAttribute("kind", k);
        model.addAttribute("heading", heading);
        model.addAttribute("body", body);
        model.addAttribute("headingErrors", errors.stream().filter(e -> e.field().equals("heading")).toList());
        model.addAttribute("bodyErrors", errors.stream().filter(e -> e.field().equals("body")).toList());
        model.addAttribute("placeholders", LetterTemplates.PLACEHOLDERS);
        return "casework/letter-templates-admin-edit";
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(se.kaa.platform.ProblemException.class)
    org.springframework.web.servlet.ModelAndView problem(se.kaa.platform.ProblemException e) {
        return LetterController.problemPage(e);
    }
}
