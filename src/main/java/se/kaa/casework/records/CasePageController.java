package se.kaa.casework.records;

import se.kaa.casework.worklist.WorklistLines;

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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.assignment.AssignmentCandidates;
import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.settings.MeasureCatalogue;
import se.kaa.casework.worklist.NextStep;
import se.kaa.casework.cases.OccupationExpiry;
import se.kaa.casework.worklist.Worklist;
import se.kaa.person.PersonDirectory;
import se.kaa.person.PersonSummary;
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

    CasePageController(CaseAccess cases, CaseDetails details, CaseRecords records, MeasureCatalogue catalogue,
                       ObjectProvider<CasePagePanel> panels, AuditLog audit, MessageSource messages,
                       java.time.Clock clock, Worklist worklist, WorklistLines lines, CaseTimeline timeline,
                       AssignmentCandidates candidates, PersonDirectory persons, PlanChanges planChanges) {
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
    String page(@PathVariable String id, @RequestParam(required = false) String gora,
                @RequestParam(required = false) List<String> visa, Model model) {
        CaseAccess.CaseRef ref = cases.load(CaseAccess.id(id));
        model.addAttribute("action", CaseAction.of(gora, ref.open()));
        Set<CaseTimeline.Category> shown = EnumSet.noneOf(CaseTimeline.Category.class);
        if (visa != null) {
            visa.stream().map(CaseTimeline.Category::of).filter(java.util.Objects::nonNull).forEach(shown::add);
        }
        model.addAttribute("shown", shown);
        return render(ref, model, null, Map.of(), null);
    }

    @PostMapping("/arenden/{id}/kontakter")
    String contact(@PathVariable String id, @RequestParam Map<String, String> form, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        return save(id, "contact", form, model, response, redirect, (caseId, v, confirm) ->
                records.addContact(caseId, v, new CaseRecords.ContactInput(form.get("attemptedAt"), form.get("channel"),
                        form.get("outcome"), form.get("note"), form.get("nextAttemptDue")), confirm));
    }

    /**
     * Strikes out a contact attempt logged by mistake; the form asks for the reason and a ticked
     * confirmation, since it changes the contact state and the clocks.
     */
    @PostMapping("/arenden/{id}/kontakter/{contactId}/stryk")
    String strike(@PathVariable String id, @PathVariable String contactId, @RequestParam Map<String, String> form,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        long cid = CaseAccess.id(contactId);
        return save(id, "strike-" + cid, form, model, response, redirect, (caseId, v, confirm) -> {
            if (!"true".equals(form.get("confirmStrike"))) {
                throw ProblemException.invalidFields(List.of(
                        new ProblemException.FieldProblem("confirmStrike", "caserecords.strike.confirmRequired")));
            }
            return records.strikeContact(caseId, cid, v, form.get("reason"));
        });
    }

    @PostMapping("/arenden/{id}/sysselsattning")
    String occupation(@PathVariable String id, @RequestParam Map<String, String> form, Model model,
                      HttpServletResponse response, RedirectAttributes redirect) {
        return save(id, "occupation", form, model, response, redirect, (caseId, v, confirm) ->
                records.addOccupation(caseId, v, new CaseRecords.OccupationInput(form.get("type"), form.get("source"),
                        form.get("started"), form.get("ended"), form.get("verifiedOn"), form.get("note")), confirm));
    }

    @PostMapping("/arenden/{id}/atgarder")
    String measure(@PathVariable String id, @RequestParam Map<String, String> form, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        return save(id, "measure", form, model, response, redirect, (caseId, v, confirm) ->
                records.addMeasure(caseId, v, new CaseRecords.MeasureInput(form.get("measureTypeId"),
                        form.get("responsible"), form.get("responsibleActor"), form.get("status"), form.get("offeredOn"),
                        form.get("decidedOn"), form.get("starts"), form.get("ends"), form.get("endReason"),
                        form.get("followUp"), form.get("note")), confirm));
    }

    @PostMapping("/arenden/{id}/atgarder/{measureId}")
    String changeMeasure(@PathVariable String id, @PathVariable String measureId, @RequestParam Map<String, String> form,
                         Model model, HttpServletResponse response, RedirectAttributes redirect) {
        long mid = CaseAccess.id(measureId);
        return save(id, "measure-" + mid, form, model, response, redirect, (caseId, v, confirm) ->
                records.changeMeasure(caseId, mid, v, new CaseRecords.MeasureChange(form.get("responsible"),
                        form.get("responsibleActor"), form.get("status"), form.get("decidedOn"), form.get("starts"),
                        form.get("ends"), form.get("endReason"), form.get("followUp"), form.get("note")), confirm));
    }

    @PostMapping("/arenden/{id}/plan")
    String goal(@PathVariable String id, @RequestParam Map<String, String> form, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        return save(id, "goal", form, model, response, redirect, (caseId, v, confirm) ->
                records.setGoal(caseId, v, form.get("goal"), confirm));
    }

    @PostMapping("/arenden/{id}/anteckningar")
    String note(@PathVariable String id, @RequestParam Map<String, String> form, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        return save(id, "note", form, model, response, redirect, (caseId, v, confirm) ->
                records.addNote(caseId, v, form.get("text"), confirm));
    }

    @PostMapping("/arenden/{id}/kontaktuppgifter")
    String contactDetails(@PathVariable String id, @RequestParam Map<String, String> form, Model model,
                          HttpServletResponse response, RedirectAttributes redirect) {
        return save(id, "details", form, model, response, redirect, (caseId, v, confirm) ->
                records.setContactDetails(caseId, v, form.get("phone"), form.get("email")));
    }

    @GetMapping("/arenden/{id}/plan/versioner")
    String revisions(@PathVariable String id, Model model) {
        CaseAccess.CaseRef ref = cases.load(CaseAccess.id(id));
        CaseDetails.Detail detail = details.of(ref);
        audit.record(AuditEvent.read("CASE_PLAN_VIEWED", ref.municipality(), List.of(ref.personId()),
                "GET /arenden/" + ref.id() + "/plan/versioner"));
        model.addAttribute("caseRef", ref);
        model.addAttribute("person", detail.person());
        model.addAttribute("revisions", detail.revisions());
        return "casework/plan-revisions";
    }

    @GetMapping("/arenden/{id}/plan/versioner/{n}")
    String revision(@PathVariable String id, @PathVariable String n, Model model) {
        CaseAccess.CaseRef ref = cases.load(CaseAccess.id(id));
        int revision;
        try {
            revision = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("Revision");
        }
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

    interface Write {
        CaseRecords.Saved apply(long caseId, long version, boolean confirmSensitive);
    }

    private String save(String id, String formName, Map<String, String> form, Model model,
                        HttpServletResponse response, RedirectAttributes redirect, Write write) {
        CaseAccess.CaseRef ref = cases.load(CaseAccess.id(id));
        Map<String, String> submitted = new LinkedHashMap<>(form);
        submitted.remove("_csrf");
        long version;
        try {
            version = Long.parseLong(form.getOrDefault("version", ""));
        } catch (NumberFormatException e) {
            ProblemException p = ProblemException.invalidFields(List.of(
                    new ProblemException.FieldProblem("version", "caserecords.field.required")));
            response.setStatus(400);
            return render(ref, model, formName, submitted, p);
        }
        try {
            write.apply(ref.id(), version, "true".equals(form.get("confirmSensitive")));
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
        model.addAttribute("channels", CaseRecords.Channel.values());
        model.addAttribute("outcomes", CaseRecords.Outcome.values());
        model.addAttribute("occupationTypes", OccupationExpiry.OccupationType.values());
        model.addAttribute("occupationSources", CaseRecords.OccupationSource.values());
        model.addAttribute("responsibles", CaseRecords.Responsible.values());
        model.addAttribute("measureStatuses", CaseRecords.MeasureStatus.values());

        Map<String, Map<String, String>> forms = defaults(detail);
        Map<String, String> errors = new HashMap<>();
        if (formName != null) {
            forms.put(formName, submitted);
            model.addAttribute("problemForm", formName);
            model.addAttribute("problemMessage", text(problem.detailKey(), problem.args()));
            model.addAttribute("problemStatus", problem.status().value());
            List<String> errorList = new ArrayList<>();
            for (ProblemException.FieldProblem fp : problem.fieldProblems()) {
                String message = text(fp.messageKey(), fp.args().toArray());
                errors.put(formName + "." + fp.field(), message);
                errorList.add(message);
            }
            model.addAttribute("sensitive", problem.status() == HttpStatus.UNPROCESSABLE_CONTENT);
        }
        model.addAttribute("f", forms);
        model.addAttribute("errors", errors);

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
