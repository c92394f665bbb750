package se.kaa.casework.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.platform.FormProblems;
import se.kaa.platform.Installation;
import se.kaa.platform.ProblemException;
import se.kaa.security.CurrentAccess;
import se.kaa.security.Granted;
import se.kaa.shared.MunicipalityCode;

/**
 * The administrator's page for each municipality's catalogue of measures
 * ({@code /admin/arenden/atgarder}): add, rename, recategorise, deactivate – only in the
 * municipalities the administrator is granted.
 */
@Controller
class RecordsMeasuresAdminController {

    private final MeasureCatalogue catalogue;
    private final FormProblems formProblems;
    private final CurrentAccess access;
    private final Installation installation;

    RecordsMeasuresAdminController(MeasureCatalogue catalogue, CurrentAccess access, Installation installation,
                                   FormProblems formProblems) {
        this.catalogue = catalogue;
        this.formProblems = formProblems;
        this.access = access;
        this.installation = installation;
    }

    @GetMapping("/admin/arenden/atgarder")
    String page(@Granted MunicipalityCode municipality, Model model) {
        return render(municipality, model, Map.of(), Map.of());
    }

    /** A measure type of the catalogue as the form sends it: a name, its reporting category, and whether it is offered. */
    record MeasureTypeForm(
            @NotBlank(message = NAME) @Size(max = 200, message = NAME)
            @Pattern(regexp = "[^\\x00-\\x1F\\x7F]*", message = NAME) String name,
            @NotNull(message = CATEGORY) MeasureReportingCategory category,
            Boolean active) {
        MeasureTypeForm {
            name = name == null ? null : name.strip();
        }
    }

    static final String NAME = "caserecords.admin.nameRequired";
    static final String CATEGORY = "caserecords.admin.categoryRequired";

    @PostMapping("/admin/arenden/atgarder")
    String add(@Granted(exactly = true) MunicipalityCode m, @Valid MeasureTypeForm form, BindingResult binding,
               @RequestParam Map<String, String> submitted /* shown again as she typed it */, Model model,
               HttpServletResponse response, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            response.setStatus(400);
            return render(m, model, errors(binding, submitted, "new-"), submitted);
        }
        catalogue.add(m, form.name(), form.category());
        redirect.addFlashAttribute("saved", "added");
        return "redirect:/admin/arenden/atgarder?municipality=" + m.value();
    }

    @PostMapping("/admin/arenden/atgarder/{id}")
    String update(@PathVariable long id, @Granted(exactly = true) MunicipalityCode m, @Valid MeasureTypeForm form,
                  BindingResult binding, @RequestParam Map<String, String> submitted, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            response.setStatus(400);
            return render(m, model, errors(binding, submitted, id + "-"), Map.of());
        }
        if (!catalogue.update(m, id, form.name(), form.category(), Boolean.TRUE.equals(form.active()))) {
            response.setStatus(404);
            return "ui/not-found";
        }
        redirect.addFlashAttribute("saved", "updated");
        return "redirect:/admin/arenden/atgarder?municipality=" + m.value();
    }

    /**
     * Each field has one thing to say, whatever was wrong with it (empty, too long, an unknown
     * category): its key, by the field's id on the page.
     */
    private Map<String, String> errors(BindingResult binding, Map<String, String> submitted, String prefix) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ProblemException.FieldProblem p : formProblems.of(binding, MeasureTypeForm.class, submitted).fieldProblems()) {
            errors.put(prefix + p.field(), p.field().equals("category") ? CATEGORY : NAME);
        }
        return errors;
    }

    private String render(MunicipalityCode m, Model model, Map<String, String> errors, Map<String, String> form) {
        model.addAttribute("municipality", m);
        model.addAttribute("municipalities", municipalities());
        model.addAttribute("types", catalogue.all(m));
        model.addAttribute("categories", MeasureReportingCategory.values());
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        return "casework/measures-admin";
    }

    private List<MunicipalityCode> municipalities() {
        return access.scope().granted(installation.servedMunicipalities());
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(se.kaa.platform.ProblemException.class)
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    String notFound() {
        return "ui/not-found";
    }

}
