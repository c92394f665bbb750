package se.kaa.casework.records;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.assignment.AssignmentCandidates;
import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.cases.CaseCommands.ChangeMeasure;
import se.kaa.casework.cases.CaseCommands.OfferMeasure;
import se.kaa.casework.cases.CaseCommands.RecordContact;
import se.kaa.casework.cases.CaseCommands.RecordOccupation;
import se.kaa.casework.cases.CaseCommands.RevisePlan;
import se.kaa.casework.cases.CaseCommands.SetContactDetails;
import se.kaa.casework.cases.CaseCommands.StrikeContact;
import se.kaa.casework.cases.CaseCommands.WriteNote;
import se.kaa.casework.cases.CaseId;
import se.kaa.casework.cases.ContactAttempt;
import se.kaa.casework.cases.Measure;
import se.kaa.casework.cases.Occupation;
import se.kaa.casework.cases.OccupationExpiry;
import se.kaa.casework.settings.MeasureCatalogue;
import se.kaa.casework.worklist.NextStep;
import se.kaa.casework.worklist.Worklist;
import se.kaa.casework.worklist.WorklistLines;
import se.kaa.person.PersonDirectory;
import se.kaa.person.PersonSummary;
import se.kaa.platform.FormProblems;
import se.kaa.platform.ProblemException;

/**
 * The case page {@code /arenden/{id}}: who she is, the derived contact state and deadline clocks,
 * what is recorded, and a form for each thing to record. A refused save re-renders the page with
 * the status of the refusal (400 fields, 409 someone else saved first or the case is closed, 422
 * text that looks sensitive), a Swedish message, and her input kept in the form it came from.
 */
@Controller
class CasePageController {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final CaseAccess cases;
    private final CaseDetails details;
    private final CaseRecords records;
    private final MeasureCatalogue catalogue;
    private final ObjectProvider<CasePagePanel> panels;
    private final AuditLog audit;
    private final MessageSource messages;
    private final java.time.Clock clock;
    private final Worklist worklist;
    private final WorklistLines lines;
    private final CaseTimeline timeline;
    private final AssignmentCandidates candidates;
    private final PersonDirectory persons;
    private final PlanChanges planChanges;
    private final FormProblems formProblems;

    CasePageController(CaseAccess cases, CaseDetails details, CaseRecords records, MeasureCatalogue catalogue,
                       ObjectProvider<CasePagePanel> panels, AuditLog audit, MessageSource messages,
                       java.time.Clock clock, Worklist worklist, WorklistLines lines, CaseTimeline timeline,
                       AssignmentCandidates candidates, PersonDirectory persons, PlanChanges planChanges,
                       FormProblems formProblems) {
        this.formProblems = formProblems;
        this.planChanges = planChanges;
        this.worklist = worklist;
        this.lines = lines;
        this.timeline = timeline;
        this.candidates = candidates;
        this.persons = persons;
        this.cases = cases;
        this.details = details;
        this.records = records;
        this.catalogue = catalogue;
        this.panels = panels;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * The page. {@code gora}: the form chosen in the action bar, shown open under it ({@link CaseAction});
     * {@code visa}: the timeline's categories shown ({@link CaseTimeline.Category}; none: all).
     */
    @GetMapping("/arenden/{id}")
    String page(@PathVariable CaseId id, @RequestParam(required = false) String gora,
                @RequestParam(required = false) List<String> visa, Model model) {
        CaseAccess.CaseRef ref = cases.load(id.value());
        model.addAttribute("action", CaseAction.of(gora, ref.open()));
        Set<CaseTimeline.Category> shown = EnumSet.noneOf(CaseTimeline.Category.class);
        if (visa != null) {
            visa.stream().map(CaseTimeline.Category::of).filter(java.util.Objects::nonNull).forEach(shown::add);
        }
        model.addAttribute("shown", shown);
        return render(ref, model, null, Map.of(), null);
    }

    @PostMapping("/arenden/{id}/kontakter")
    String contact(@PathVariable CaseId id, @Valid RecordContact command, BindingResult binding, WebRequest request,
                   Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return save(id, "contact", RecordContact.class, binding, request, model, response, redirect,
                () -> records.recordContact(id.value(), command));
    }

    /**
     * Strikes out a contact attempt logged by mistake; the form asks for the reason and a ticked
     * confirmation, since it changes the contact state and the clocks.
     */
    @PostMapping("/arenden/{id}/kontakter/{contactId}/stryk")
    String strike(@PathVariable CaseId id, @PathVariable long contactId, @Valid StrikeContact command,
                  BindingResult binding, @RequestParam(defaultValue = "false") boolean confirmStrike, WebRequest request,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return save(id, "strike-" + contactId, StrikeContact.class, binding, request, model, response, redirect, () -> {
            if (!confirmStrike) {
                throw ProblemException.invalidFields(List.of(
                        new ProblemException.FieldProblem("confirmStrike", "caserecords.strike.confirmRequired")));
            }
            return records.strikeContact(id.value(), contactId, command);
        });
    }

    @PostMapping("/arenden/{id}/sysselsattning")
    String occupation(@PathVariable CaseId id, @Valid RecordOccupation command, BindingResult binding,
                      WebRequest request, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return save(id, "occupation", RecordOccupation.class, binding, request, model, response, redirect,
                () -> records.recordOccupation(id.value(), command));
    }

    @PostMapping("/arenden/{id}/atgarder")
    String measure(@PathVariable CaseId id, @Valid OfferMeasure command, BindingResult binding, WebRequest request,
                   Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return save(id, "measure", OfferMeasure.class, binding, request, model, response, redirect,
                () -> records.offerMeasure(id.value(), command));
    }

    @PostMapping("/arenden/{id}/atgarder/{measureId}")
    String changeMeasure(@PathVariable CaseId id, @PathVariable long measureId, @Valid ChangeMeasure command,
                         BindingResult binding, WebRequest request, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        return save(id, "measure-" + measureId, ChangeMeasure.class, binding, request, model, response, redirect,
                () -> records.changeMeasure(id.value(), measureId, command));
    }

    @PostMapping("/arenden/{id}/plan")
    String goal(@PathVariable CaseId id, @Valid RevisePlan command, BindingResult binding, WebRequest request,
                Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return save(id, "goal", RevisePlan.class, binding, request, model, response, redirect,
                () -> records.revisePlan(id.value(), command));
    }

    @PostMapping("/arenden/{id}/anteckningar")
    String note(@PathVariable CaseId id, @Valid WriteNote command, BindingResult binding, WebRequest request,
                Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return save(id, "note", WriteNote.class, binding, request, model, response, redirect,
                () -> records.writeNote(id.value(), command));
    }

    @PostMapping("/arenden/{id}/kontaktuppgifter")
    String contactDetails(@PathVariable CaseId id, @Valid SetContactDetails command, BindingResult binding,
                          WebRequest request, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return save(id, "details", SetContactDetails.class, binding, request, model, response, redirect,
                () -> records.setContactDetails(id.value(), command));
    }

    @GetMapping("/arenden/{id}/plan/versioner")
    String revisions(@PathVariable CaseId id, Model model) {
        CaseAccess.CaseRef ref = cases.load(id.value());
        CaseDetails.Detail detail = details.of(ref);
        audit.record(AuditEvent.read("CASE_PLAN_VIEWED", ref.municipality(), List.of(ref.personId()),
                "GET /arenden/" + ref.id() + "/plan/versioner"));
        model.addAttribute("caseRef", ref);
        model.addAttribute("person", detail.person());
        model.addAttribute("revisions", detail.revisions());
        return "casework/plan-revisions";
    }

    @GetMapping("/arenden/{id}/plan/versioner/{n}")
    String revision(@PathVariable CaseId id, @PathVariable("n") int revision, Model model) {
        CaseAccess.CaseRef ref = cases.load(id.value());
        CaseDetails.RevisionSnapshot snapshot = details.revision(ref.id(), revision)
                .orElseThrow(() -> ProblemException.notFound("Revision"));
        audit.record(AuditEvent.read("CASE_PLAN_VIEWED", ref.municipality(), List.of(ref.personId()),
                "GET /arenden/" + ref.id() + "/plan/versioner/" + revision));
        model.addAttribute("caseRef", ref);
        model.addAttribute("person", details.of(ref).person());
        model.addAttribute("snapshot", snapshot);
        CaseDetails.RevisionSnapshot previous = revision > 1 ? details.revision(ref.id(), revision - 1).orElse(null) : null;
        model.addAttribute("changes", planChanges.between(previous, snapshot));
        return "casework/plan-revision";
    }

    @ExceptionHandler(ProblemException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "ui/not-found";
    }

    /**
     * Saves a form: fields that did not bind or break their constraints are refused (400) before the
     * case is touched; what the case refuses comes back as its problem. Either way the page is shown
     * again with her input as she typed it.
     */
    private String save(CaseId id, String formName, Class<?> commandType, BindingResult binding, WebRequest request,
                        Model model,
                        HttpServletResponse response, RedirectAttributes redirect,
                        java.util.function.Supplier<CaseRecords.Saved> write) {
        CaseAccess.CaseRef ref = cases.load(id.value());
        Map<String, String> submitted = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> submitted.put(name, values.length == 0 ? "" : values[0]));
        submitted.remove("_csrf");
        if (binding.hasErrors()) {
            response.setStatus(400);
            return render(ref, model, formName, submitted, formProblems.of(binding, commandType, submitted));
        }
        try {
            write.get();
        } catch (ProblemException p) {
            if (p.status() == HttpStatus.NOT_FOUND) {
                throw p;
            }
            response.setStatus(p.status().value());
            // reload: the version shown is now the current one, so a second save applies her input
            return render(cases.load(ref.id()), model, formName, submitted, p);
        }
        redirect.addFlashAttribute("saved", formName.startsWith("measure-") ? "measureChange"
                : formName.startsWith("strike-") ? "strike" : formName);
        return "redirect:/arenden/" + ref.id() + "#" + anchor(formName);
    }

    /** A form field's label as the form shows it ({@code caserecords.field.<name>[.label]}), or null. */
    private String label(String field) {
        String label = messages.getMessage("caserecords.field." + field + ".label", null, null, SWEDISH);
        return label != null ? label : messages.getMessage("caserecords.field." + field, null, null, SWEDISH);
    }

    /** Where the page opens after a save: what was recorded is the newest entry of the timeline. */
    private static String anchor(String formName) {
        if (formName.startsWith("strike-")) {
            return "kontakter";
        }
        return switch (formName) {
            case "contact", "occupation", "note", "measure" -> "tidslinje";
            case "details" -> "kontaktuppgifter";
            default -> "plan";
        };
    }

    private String render(CaseAccess.CaseRef ref, Model model, String formName, Map<String, String> submitted,
                          ProblemException problem) {
        CaseDetails.Detail detail = details.of(ref);
        audit.record(AuditEvent.read("CASE_VIEWED", ref.municipality(), List.of(ref.personId()),
                "GET /arenden/" + ref.id()));
        model.addAttribute("caseRef", ref);
        model.addAttribute("detail", detail);
        model.addAttribute("person", detail.person());
        model.addAttribute("state", detail.state());
        // who is who, for the summary and the timeline: one query
        List<AssignmentCandidates.Candidate> people = candidates.of(ref.municipality());
        summary(ref, people, model);
        if (!model.containsAttribute("shown")) {
            model.addAttribute("shown", EnumSet.noneOf(CaseTimeline.Category.class));
        }
        @SuppressWarnings("unchecked")
        Set<CaseTimeline.Category> shown = (Set<CaseTimeline.Category>) model.getAttribute("shown");
        List<CaseTimeline.Entry> entries = timeline.of(ref, detail, people);
        model.addAttribute("timeline", CaseTimeline.filter(entries, shown));
        model.addAttribute("timelineAll", entries.size());
        model.addAttribute("categories", CaseTimeline.Category.values());
        model.addAttribute("actions", java.util.Arrays.stream(CaseAction.values()).filter(a -> a.offered(ref.open())).toList());
        if (formName != null && CaseAction.ofForm(formName) != null) {
            model.addAttribute("action", CaseAction.ofForm(formName));
        }
        Map<String, Object> clocks = new LinkedHashMap<>();
        clocks.put("firstAttempt", detail.state().firstAttempt());
        clocks.put("firstContact", detail.state().firstContact());
        clocks.put("firstMeasure", detail.state().firstMeasure());
        model.addAttribute("clocks", clocks);
        model.addAttribute("measureTypes", catalogue.active(ref.municipality()));
        model.addAttribute("channels", ContactAttempt.Channel.values());
        model.addAttribute("outcomes", ContactAttempt.Outcome.recordable());
        model.addAttribute("occupationTypes", OccupationExpiry.OccupationType.values());
        model.addAttribute("occupationSources", Occupation.Source.values());
        model.addAttribute("responsibles", Measure.Responsible.values());
        model.addAttribute("measureStatuses", Measure.Status.values());

        Map<String, Map<String, String>> forms = defaults(detail);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> summary = new LinkedHashMap<>();
        if (formName != null) {
            forms.put(formName, submitted);
            model.addAttribute("problemForm", formName);
            model.addAttribute("problemMessage", text(problem.detailKey(), problem.args()));
            model.addAttribute("problemStatus", problem.status().value());
            for (ProblemException.FieldProblem fp : problem.fieldProblems()) {
                String message = text(fp.messageKey(), fp.args().toArray());
                errors.put(formName + "." + fp.field(), message);
                // the summary above the page names the field: "Kanal: Fältet måste fyllas i."
                String label = label(fp.field());
                summary.put(formName + "." + fp.field(), label == null ? message : label + ": " + message);
            }
            model.addAttribute("sensitive", problem.status() == HttpStatus.UNPROCESSABLE_CONTENT);
        }
        model.addAttribute("f", forms);
        model.addAttribute("errors", errors);
        model.addAttribute("errorSummary", summary);

        List<String> templates = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        for (CasePagePanel panel : panels.orderedStream().sorted(Comparator.comparingInt(CasePagePanel::order)).toList()) {
            for (Map.Entry<String, Object> e : panel.model(ref).entrySet()) {
                String previous = owners.putIfAbsent(e.getKey(), panel.template());
                if (previous != null || model.containsAttribute(e.getKey())) {
                    throw new IllegalStateException("Case page attribute " + e.getKey() + " of " + panel.template()
                            + " is already set" + (previous != null ? " by " + previous : ""));
                }
                model.addAttribute(e.getKey(), e.getValue());
            }
            templates.add(panel.template());
        }
        model.addAttribute("panels", templates);
        return "casework/case";
    }

    /**
     * The summary at the top: the next step as her worklist line says it (the same row, {@link
     * Worklist#row}), the school of that row (of a closed case {@link Worklist#latestSchool}), the
     * assignee's name, and the address unless her identity is protected.
     */
    private void summary(CaseAccess.CaseRef ref, List<AssignmentCandidates.Candidate> people, Model model) {
        LocalDate today = LocalDate.now(clock);
        Optional<Worklist.Row> row = ref.open() ? worklist.row(ref.municipality(), ref.id()) : Optional.empty();
        model.addAttribute("next", row.map(r -> lines.text(NextStep.of(r, today), today)).orElse(null));
        model.addAttribute("nextLate", row.map(r -> lines.late(NextStep.of(r, today))).orElse(null));
        // a closed case has no worklist row: the same definition of her school, asked alone
        model.addAttribute("school", ref.open() ? row.map(Worklist.Row::school).orElse(null)
                : worklist.latestSchool(ref.personId()).orElse(null));
        model.addAttribute("assigneeName", AssignmentCandidates.nameOf(people, ref.assignee()));
        PersonSummary p = persons.summary(ref.personId()).orElseThrow();
        model.addAttribute("address", p.protectedIdentity() || p.address() == null ? null
                : p.address() + ", " + nz(p.postalCode()) + " " + nz(p.city()));
    }

    /** What each form shows before anything is typed: the recorded values, or sensible defaults. */
    private Map<String, Map<String, String>> defaults(CaseDetails.Detail detail) {
        Map<String, Map<String, String>> forms = new HashMap<>();
        LocalDate today = LocalDate.now(clock);
        LocalDateTime now = LocalDateTime.now(clock.withZone(java.time.ZoneId.of("Europe/Stockholm")))
                .truncatedTo(ChronoUnit.MINUTES);
        forms.put("contact", new HashMap<>(Map.of("attemptedAt", now.toString())));
        forms.put("occupation", new HashMap<>(Map.of("verifiedOn", today.toString())));
        forms.put("measure", new HashMap<>(Map.of("offeredOn", today.toString(), "status", "OFFERED",
                "responsible", "MUNICIPALITY")));
        Map<String, String> goal = new HashMap<>();
        goal.put("goal", detail.plan().goal() == null ? "" : detail.plan().goal());
        forms.put("goal", goal);
        forms.put("note", new HashMap<>());
        for (CaseDetails.Contact c : detail.contacts()) {
            forms.put("strike-" + c.id(), new HashMap<>());
        }
        Map<String, String> contact = new HashMap<>();
        if (detail.contactDetails() != null) {
            contact.put("phone", nz(detail.contactDetails().phone()));
            contact.put("email", nz(detail.contactDetails().email()));
        }
        forms.put("details", contact);
        for (CaseDetails.Measure m : detail.plan().measures()) {
            Map<String, String> change = new HashMap<>();
            change.put("responsible", m.responsible());
            change.put("responsibleActor", nz(m.responsibleActor()));
            change.put("status", m.status());
            change.put("decidedOn", s(m.decidedOn()));
            change.put("starts", s(m.starts()));
            change.put("ends", s(m.ends()));
            change.put("endReason", nz(m.endReason()));
            change.put("followUp", s(m.followUp()));
            change.put("note", nz(m.note()));
            forms.put("measure-" + m.id(), change);
        }
        return forms;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String s(Object o) {
        return o == null ? "" : o.toString();
    }

    private String text(String key, Object[] args) {
        return messages.getMessage(key, args, key, SWEDISH);
    }
}
