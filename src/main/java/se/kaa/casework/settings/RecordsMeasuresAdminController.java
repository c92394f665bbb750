package se.kaa.casework.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.platform.Installation;
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
    private final CurrentAccess access;
    private final Installation installation;

    RecordsMeasuresAdminController(MeasureCatalogue catalogue, CurrentAccess access, Installation installation) {
        this.catalogue = catalogue;
        this.access = access;
        this.installation = installation;
    }

    @GetMapping("/admin/arenden/atgarder")
    String page(@Granted MunicipalityCode municipality, Model model) {
        return render(municipality, model, Map.of(), Map.of());
    }

    @PostMapping("/admin/arenden/atgarder")
    String add(@Granted(exactly = true) MunicipalityCode m, @RequestParam Map<String, String> form, Model model,
               HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, String> errors = new HashMap<>();
        String name = name(form.get("name"), errors, "new-name");
        MeasureReportingCategory category = category(form.get("category"), errors, "new-category");
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return render(m, model, errors, form);
        }
        catalogue.add(m, name, category);
        redirect.addFlashAttribute("saved", "added");
        return "redirect:/admin/arenden/atgarder?municipality=" + m.value();
    }

    @PostMapping("/admin/arenden/atgarder/{id}")
    String update(@PathVariable String id, @Granted(exactly = true) MunicipalityCode m,
                  @RequestParam Map<String, String> form, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        long typeId;
        try {
            typeId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            response.setStatus(404);
            return "ui/not-found";
        }
        Map<String, String> errors = new HashMap<>();
        String name = name(form.get("name"), errors, typeId + "-name");
        MeasureReportingCategory category = category(form.get("category"), errors, typeId + "-category");
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return render(m, model, errors, Map.of());
        }
        if (!catalogue.update(m, typeId, name, category, "true".equals(form.get("active")))) {
            response.setStatus(404);
            return "ui/not-found";
        }
        redirect.addFlashAttribute("saved", "updated");
        return "redirect:/admin/arenden/atgarder?municipality=" + m.value();
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

    private static String name(String value, Map<String, String> errors, String field) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > 200 || v.chars().anyMatch(c -> c < 0x20)) {
            errors.put(field, "caserecords.admin.nameRequired");
            return null;
        }
        return v;
    }

    private static MeasureReportingCategory category(String value, Map<String, String> errors, String field) {
        for (MeasureReportingCategory c : MeasureReportingCategory.values()) {
            if (c.name().equals(value)) {
                return c;
            }
        }
        errors.put(field, "caserecords.admin.categoryRequired");
        return null;
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(se.kaa.platform.ProblemException.class)
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    String notFound() {
        return "ui/not-found";
    }

}
