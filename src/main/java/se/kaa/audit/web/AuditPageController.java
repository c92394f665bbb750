package se.kaa.audit.web;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import se.kaa.audit.AuditEntry;
import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.audit.AuditTrail;
import se.kaa.person.PersonDirectory;
import se.kaa.shared.PersonalIdentityNumber;

/**
 * Search of the audit log for a granskare. The personnummer is posted in a form, never put in a URL;
 * the search and the export are themselves recorded in the log.
 */
@Controller
class AuditPageController {

    static final int SHOWN = 500;

    /** The search, typed at the web edge; every field optional. */
    record SearchForm(PersonalIdentityNumber personnummer, String user, LocalDate from, LocalDate to) {
    }

    /** The form as shown again: what she typed, but never the personnummer. */
    record Shown(String user, String from, String to) {
        static Shown empty() {
            return new Shown("", "", "");
        }

        static Shown of(Map<String, String> submitted) {
            return new Shown(submitted.getOrDefault("user", ""), submitted.getOrDefault("from", ""),
                    submitted.getOrDefault("to", ""));
        }
    }

    private final AuditTrail trail;
    private final AuditLog log;
    private final PersonDirectory persons;

    private final AuditLines lines;

    AuditPageController(AuditTrail trail, AuditLog log, PersonDirectory persons, AuditLines lines) {
        this.lines = lines;
        this.trail = trail;
        this.log = log;
        this.persons = persons;
    }

    @GetMapping("/granskning")
    String page(Model model) {
        model.addAttribute("form", Shown.empty());
        return "audit/search";
    }

    @PostMapping("/granskning")
    String search(@ModelAttribute SearchForm form, BindingResult binding, @RequestParam Map<String, String> submitted,
                  Model model, HttpServletResponse response) {
        model.addAttribute("form", Shown.of(submitted));
        Optional<Found> found = find(form, binding, model, "POST /granskning");
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "audit/search";
        }
        List<AuditEntry> entries = found.get().entries();
        model.addAttribute("searched", true);
        model.addAttribute("total", entries.size());
        List<AuditEntry> shown = entries.size() > SHOWN ? entries.subList(0, SHOWN) : entries;
        model.addAttribute("entries", shown);
        model.addAttribute("lines", lines.of(shown, nameOf(found.get().personId())));
        model.addAttribute("shown", SHOWN);
        model.addAttribute("byPerson", form.personnummer() != null);
        return "audit/search";
    }

    @PostMapping("/granskning/export")
    org.springframework.web.servlet.ModelAndView export(@ModelAttribute SearchForm form, BindingResult binding,
                                                        @RequestParam Map<String, String> submitted, Model model,
                                                        HttpServletResponse response) throws java.io.IOException {
        model.addAttribute("form", Shown.of(submitted));
        Optional<Found> found = find(form, binding, model, "POST /granskning/export");
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return new org.springframework.web.servlet.ModelAndView("audit/search", model.asMap());
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"granskningslogg.csv\"");
        AuditQueries.writeCsv(found.get().entries(), new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        return null; // the response is written
    }

    @GetMapping("/granskning/verifiering")
    String verification(Model model) {
        model.addAttribute("verification", trail.verify());
        return "audit/verification";
    }

    /** The name of the person searched for (the log names her in each sentence), if a known one. */
    private Optional<String> nameOf(UUID personId) {
        return Optional.ofNullable(personId).flatMap(persons::summary)
                .map(p -> ((p.givenName() == null ? "" : p.givenName()) + " " + (p.familyName() == null ? "" : p.familyName())).strip())
                .filter(name -> !name.isEmpty());
    }

    /** What a search found, and the person it was for (null: by user and period). */
    private record Found(List<AuditEntry> entries, UUID personId) {
    }

    /**
     * The entries, or empty with the fields that did not bind in the model (a personnummer that is none,
     * a date that is no date); a valid personnummer of no known person finds nothing, and says so.
     */
    private Optional<Found> find(SearchForm form, BindingResult binding, Model model, String channel) {
        if (binding.hasErrors()) {
            List<String> fields = binding.getFieldErrors().stream().map(FieldError::getField).distinct().toList();
            model.addAttribute("personnummerError", fields.contains("personnummer"));
            model.addAttribute("errors", fields);
            return Optional.empty();
        }
        LocalDate from = form.from();
        LocalDate to = form.to();
        UUID personId = form.personnummer() == null ? null : persons.find(form.personnummer()).orElse(null);
        boolean unknownPerson = form.personnummer() != null && personId == null;
        log.record(AuditEvent.read("AUDIT_SEARCHED", null, personId == null ? List.of() : List.of(personId),
                AuditQueries.describe(channel, personId, form.user(), from, to)
                        + (unknownPerson ? " person=unknown" : "")));
        if (unknownPerson) {
            return Optional.of(new Found(List.of(), null));
        }
        return Optional.of(new Found(trail.search(new AuditTrail.Query(personId, form.user(), from, to)), personId));
    }
}
