package se.kaa.reporting.scb;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.casework.PeriodRecords;
import se.kaa.platform.Installation;
import se.kaa.platform.ProblemException;
import se.kaa.reporting.scb.ScbSpecs.StoredSpec;
import se.kaa.reporting.spec.CodeList;
import se.kaa.reporting.spec.Column;
import se.kaa.security.AccessScope;
import se.kaa.security.Granted;
import se.kaa.shared.HalfYear;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.ExitReason;
import se.kaa.targetgroup.ReasonForRegistration;

/**
 * {@code /admin/rapporter/scb}: the administrator's side of the SCB return – the specs stored and which
 * half-years use which, uploading SCB's spec for a period (every problem named with its line), and the
 * municipality's mapping of our values to the spec's codes, list by list.
 */
@Controller
class ScbAdminController {

    /** One of our values in a code list: its Swedish label and its code (null: unmapped). */
    record MappedValue(String value, String labelKey, String code) {
    }

    record MappedList(String name, String label, List<MappedValue> values, List<CodeList.Code> codes) {
    }

    private final ScbSpecs specs;
    private final ScbMappings mappings;
    private final Installation installation;
    private final Clock clock;
    private final org.springframework.context.MessageSource messages;

    ScbAdminController(ScbSpecs specs, ScbMappings mappings, Installation installation, Clock clock,
                       org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.specs = specs;
        this.mappings = mappings;
        this.installation = installation;
        this.clock = clock;
    }

    @GetMapping("/admin/rapporter/scb")
    String page(@Granted MunicipalityCode municipality, @RequestParam(required = false) Long spec, AccessScope scope, Model model) {
        List<StoredSpec> all = specs.all();
        HalfYear now = HalfYear.of(LocalDate.now(clock));
        Map<HalfYear, StoredSpec> usedBy = new LinkedHashMap<>();
        HalfYear h = now;
        for (int i = 0; i < 6; i++) {
            usedBy.put(h, specs.forPeriod(h));
            h = h.previous();
        }
        StoredSpec chosen = spec == null ? usedBy.get(now.previous())
                : all.stream().filter(s -> s.id() == spec).findFirst().orElseThrow(() -> ProblemException.notFound("Spec"));
        model.addAttribute("municipality", municipality);
        model.addAttribute("municipalities", installation.servedMunicipalities().stream().filter(scope::grants).toList());
        model.addAttribute("specs", all);
        model.addAttribute("usedBy", usedBy);
        model.addAttribute("chosen", chosen);
        model.addAttribute("lists", lists(municipality, chosen));
        return "reporting/scb-admin";
    }

    /** A new spec: stored, or shown again with every problem and its line. */
    @PostMapping("/admin/rapporter/scb/spec")
    String upload(@Granted(exactly = true) MunicipalityCode municipality, @RequestParam(required = false) MultipartFile file,
                  AccessScope scope, RedirectAttributes redirect) throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("uploadProblems", List.of(messages.getMessage("reporting.admin.noFile", null, ScbReturns.SWEDISH)));
        } else {
            try {
                StoredSpec s = specs.upload(file.getBytes(), scope.username());
                redirect.addFlashAttribute("uploaded", s.spec().id() + " " + s.spec().version());
                return "redirect:/admin/rapporter/scb?municipality=" + municipality.value() + "&spec=" + s.id();
            } catch (ProblemException e) {
                // flashed as text: the session is stored, and holds only what serialises
                redirect.addFlashAttribute("uploadProblems", new ArrayList<>(e.fieldProblems().isEmpty()
                        ? List.of(messages.getMessage(e.detailKey(), e.args(), ScbReturns.SWEDISH))
                        : e.fieldProblems().stream().map(p -> messages.getMessage(p.messageKey(), p.args().toArray(),
                                ScbReturns.SWEDISH)).toList()));
            }
        }
        return "redirect:/admin/rapporter/scb?municipality=" + municipality.value();
    }

    /** The mapping of the chosen spec, every list at once: {@code code[list|value]}; blank removes a code. */
    @PostMapping("/admin/rapporter/scb/koder")
    String saveMapping(@Granted(exactly = true) MunicipalityCode municipality, @RequestParam long spec,
                       @RequestParam Map<String, String> form, AccessScope scope, RedirectAttributes redirect) {
        StoredSpec chosen = specs.byId(spec).orElseThrow(() -> ProblemException.notFound("Spec"));
        List<String> refused = new ArrayList<>();
        int saved = 0;
        for (MappedList list : lists(municipality, chosen)) {
            for (MappedValue v : list.values()) {
                String submitted = form.get("code[" + list.name() + "|" + v.value() + "]");
                if (submitted == null || java.util.Objects.equals(blankToNull(submitted), v.code())) {
                    continue;
                }
                try {
                    mappings.set(municipality, chosen, list.name(), v.value(), submitted, scope.username());
                    saved++;
                } catch (ProblemException e) {
                    refused.add(list.name() + "|" + v.value());
                }
            }
        }
        redirect.addFlashAttribute("mappingSaved", saved);
        redirect.addFlashAttribute("mappingRefused", new ArrayList<>(refused));
        return "redirect:/admin/rapporter/scb?municipality=" + municipality.value() + "&spec=" + spec;
    }

    private List<MappedList> lists(MunicipalityCode municipality, StoredSpec spec) {
        Map<String, Map<String, String>> mapping = mappings.of(municipality, spec);
        Map<String, MappedList> lists = new LinkedHashMap<>();
        for (Column c : spec.spec().columns()) {
            if (c.codeList() == null || c.type() != Column.Type.CODE || lists.containsKey(c.codeList())) {
                continue;
            }
            List<String> ours;
            String prefix;
            switch (c.concept()) {
                case "reason" -> { ours = Arrays.stream(ReasonForRegistration.values()).map(Enum::name).toList(); prefix = "reason."; }
                case "exitReason" -> { ours = Arrays.stream(ExitReason.values()).map(Enum::name).toList(); prefix = "exitReason."; }
                case "measure.type" -> { ours = PeriodRecords.measureCategories(); prefix = "caserecords.category."; }
                case "occupationAtLatestContact", "measure.occupationAfter" -> {
                    ours = PeriodRecords.occupationTypes(); prefix = "caserecords.occupation.";
                }
                default -> { continue; }
            }
            CodeList list = spec.spec().codeLists().get(c.codeList());
            Map<String, String> codes = mapping.getOrDefault(c.codeList(), Map.of());
            lists.put(c.codeList(), new MappedList(c.codeList(), list.label(),
                    ours.stream().map(v -> new MappedValue(v, prefix + v, codes.get(v))).toList(), list.codes()));
        }
        return new ArrayList<>(lists.values());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
