package se.kaa.casework.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.platform.FormProblems;
import se.kaa.platform.Installation;
import se.kaa.security.CurrentAccess;
import se.kaa.security.Granted;
import se.kaa.shared.MunicipalityCode;

/** {@code /admin/arenden/installningar}: deadline targets and occupation expiry per granted municipality. */
@Controller
class SettingsPageController {

    static final int MAX_DAYS = 730;

    private final CaseworkSettings settings;
    private final FormProblems formProblems;
    private final Installation installation;
    private final CurrentAccess access;

    SettingsPageController(CaseworkSettings settings, Installation installation, CurrentAccess access,
                           FormProblems formProblems) {
        this.settings = settings;
        this.formProblems = formProblems;
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

    static final String DAYS = "casework.settings.error.days";

    /**
     * The form as typed: the three deadline targets, and per occupation type ({@code expiry[WORK]} …)
     * the days until it goes stale – each a whole number of days from 1 to {@value #MAX_DAYS}.
     */
    record SettingsForm(
            @NotNull(message = DAYS) @Min(value = 1, message = DAYS) @Max(value = MAX_DAYS, message = DAYS) Integer firstAttemptDays,
            @NotNull(message = DAYS) @Min(value = 1, message = DAYS) @Max(value = MAX_DAYS, message = DAYS) Integer firstContactDays,
            @NotNull(message = DAYS) @Min(value = 1, message = DAYS) @Max(value = MAX_DAYS, message = DAYS) Integer firstMeasureDays,
            Map<String, @NotNull(message = DAYS) @Min(value = 1, message = DAYS) @Max(value = MAX_DAYS, message = DAYS) Integer> expiry) {
    }

    @PostMapping("/admin/arenden/installningar")
    String save(@Granted(exactly = true) MunicipalityCode m, @Valid SettingsForm form, BindingResult binding,
                @RequestParam Map<String, String> submitted /* shown again as she typed it */, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : fields()) {
            values.put(field, submitted.getOrDefault(parameter(field), "").strip());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (binding.hasErrors()) {
            formProblems.of(binding, SettingsForm.class, submitted).fieldProblems()
                    .forEach(p -> errors.putIfAbsent(field(p.field()), DAYS));
        }
        Map<String, Integer> expiry = form == null || form.expiry() == null ? Map.of() : form.expiry();
        if (form != null) {
            // every type must have its days: one left out of the form is as wrong as one left empty
            CaseworkSettings.OCCUPATION_TYPES.stream().filter(t -> expiry.get(t) == null)
                    .forEach(t -> errors.putIfAbsent("expiry." + t, DAYS));
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(m, values, errors, model);
        }
        Map<String, Integer> days = new LinkedHashMap<>();
        CaseworkSettings.OCCUPATION_TYPES.forEach(type -> days.put(type, expiry.get(type)));
        settings.save(m, new CaseworkSettings.Targets(form.firstAttemptDays(), form.firstContactDays(),
                form.firstMeasureDays()), days, access.scope().username());
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/arenden/installningar?municipality=" + m.value();
    }

    /** The page's fields: the targets, then {@code expiry.<type>} for each occupation type. */
    private static List<String> fields() {
        List<String> fields = new java.util.ArrayList<>(List.of("firstAttemptDays", "firstContactDays", "firstMeasureDays"));
        CaseworkSettings.OCCUPATION_TYPES.forEach(type -> fields.add("expiry." + type));
        return fields;
    }

    /** A page field's request parameter: {@code expiry.WORK} is sent as {@code expiry[WORK]}, bound to the map. */
    private static String parameter(String field) {
        return field.startsWith("expiry.") ? "expiry[" + field.substring("expiry.".length()) + "]" : field;
    }

    /** The page field of a bound field ({@code expiry[WORK]…} → {@code expiry.WORK}). */
    private static String field(String bound) {
        return bound.replaceFirst("^expiry\\[([^\\]]+)\\].*$", "expiry.$1");
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
