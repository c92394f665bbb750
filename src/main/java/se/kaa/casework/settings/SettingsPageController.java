package se.kaa.casework.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.platform.Installation;
import se.kaa.security.CurrentAccess;
import se.kaa.security.Granted;
import se.kaa.shared.MunicipalityCode;

/** {@code /admin/arenden/installningar}: deadline targets and occupation expiry per granted municipality. */
@Controller
class SettingsPageController {

    static final int MAX_DAYS = 730;

    private final CaseworkSettings settings;
    private final Installation installation;
    private final CurrentAccess access;

    SettingsPageController(CaseworkSettings settings, Installation installation, CurrentAccess access) {
        this.settings = settings;
        this.installation = installation;
        this.access = access;
    }

    @GetMapping("/admin/arenden/installningar")
    String show(@Granted MunicipalityCode m, Model model) {
        CaseworkSettings.Targets t = settings.targets(m);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("firstAttemptDays", String.valueOf(t.firstAttemptDays()));
        values.put("firstContactDays", String.valueOf(t.firstContactDays()));
        values.put("firstMeasureDays", String.valueOf(t.firstMeasureDays()));
        settings.occupationExpiry(m).forEach((type, days) -> values.put("expiry." + type, String.valueOf(days)));
        return page(m, values, Map.of(), model);
    }

    @PostMapping("/admin/arenden/installningar")
    String save(@Granted(exactly = true) MunicipalityCode m, @RequestParam Map<String, String> form, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> fields = new java.util.ArrayList<>(List.of("firstAttemptDays", "firstContactDays", "firstMeasureDays"));
        CaseworkSettings.OCCUPATION_TYPES.forEach(type -> fields.add("expiry." + type));
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (String field : fields) {
            String v = form.getOrDefault(field, "").strip();
            values.put(field, v);
            if (!v.matches("\\d{1,4}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > MAX_DAYS) {
                errors.put(field, "casework.settings.error.days");
            } else {
                parsed.put(field, Integer.parseInt(v));
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(m, values, errors, model);
        }
        Map<String, Integer> expiry = new LinkedHashMap<>();
        CaseworkSettings.OCCUPATION_TYPES.forEach(type -> expiry.put(type, parsed.get("expiry." + type)));
        settings.save(m, new CaseworkSettings.Targets(parsed.get("firstAttemptDays"), parsed.get("firstContactDays"),
                parsed.get("firstMeasureDays")), expiry, access.scope().username());
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/arenden/installningar?municipality=" + m.value();
    }

    private String page(MunicipalityCode m, Map<String, String> values, Map<String, String> errors, Model model) {
        model.addAttribute("municipalities", access.scope().granted(installation.servedMunicipalities()));
        model.addAttribute("municipality", m);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("types", CaseworkSettings.OCCUPATION_TYPES);
        model.addAttribute("maxDays", MAX_DAYS);
        return "casework/settings";
    }

}
