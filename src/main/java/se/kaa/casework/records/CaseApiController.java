package se.kaa.casework.records;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
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
import se.kaa.casework.cases.CaseStates;
import se.kaa.casework.letters.LetterApiController;
import se.kaa.casework.letters.LetterService;
import se.kaa.platform.InputProblems;
import se.kaa.platform.ProblemException;
import se.kaa.platform.TypedBodies;

/**
 * The case and what is recorded on it, over the API (docs/casework.md). Every write takes the
 * case's {@code version} and answers with the new one; the bodies are the typed commands of the
 * {@link se.kaa.casework.cases.Case} ({@code @Valid}), so a field of the wrong type or form is {@code 400}; a stale version is {@code 409}, text that
 * looks sensitive {@code 422} unless {@code "confirmSensitive": true}, wrong fields {@code 400} –
 * all problem details naming the field.
 */
@RestController
class CaseApiController {

    record Written(Long id, long version) {
    }

    record Clock(int targetDays, LocalDate doneOn, long days, boolean overdue, boolean late) {
        static Clock of(CaseStates.DeadlineClock c) {
            return new Clock(c.targetDays(), c.doneOn(), c.days(), c.overdue(), c.late());
        }
    }

    record State(String contactState, LocalDate nextAttemptDue, boolean overdue, Map<String, Clock> clocks) {
    }

    record CaseView(long id, String municipality, String status, LocalDate entered, String reason, LocalDate closedOn,
                    String exitReason, String assignee, long version, CaseDetails.Person person,
                    boolean contactDetailsHidden, CaseDetails.ContactDetails contactDetails, State state,
                    List<CaseDetails.Contact> contacts, List<CaseDetails.Occupation> occupations,
                    CaseDetails.Plan plan, List<CaseDetails.Revision> planRevisions, List<CaseDetails.Note> notes,
                    List<CaseDetails.Event> events, List<LetterApiController.LetterView> letters) {
    }

    private final CaseAccess cases;
    private final CaseDetails details;
    private final CaseRecords records;
    private final AuditLog audit;
    private final LetterService letters;
    private final JsonMapper json;
    private final TypedBodies typed;

    CaseApiController(CaseAccess cases, CaseDetails details, CaseRecords records, AuditLog audit,
                      LetterService letters, JsonMapper json, TypedBodies typed) {
        this.json = json;
        this.typed = typed;
        this.cases = cases;
        this.details = details;
        this.records = records;
        this.audit = audit;
        this.letters = letters;
    }

    @GetMapping("/api/v1/cases/{id}")
    CaseView get(@PathVariable CaseId id) {
        CaseAccess.CaseRef ref = cases.load(id.value());
        CaseDetails.Detail d = details.of(ref);
        audit.record(AuditEvent.read("CASE_VIEWED", ref.municipality(), List.of(ref.personId()),
                "GET /api/v1/cases/" + ref.id()));
        Map<String, Clock> clocks = new LinkedHashMap<>();
        clocks.put("firstAttempt", Clock.of(d.state().firstAttempt()));
        clocks.put("firstContact", Clock.of(d.state().firstContact()));
        clocks.put("firstMeasure", Clock.of(d.state().firstMeasure()));
        State state = new State(d.state().contact().name(), d.state().nextAttemptDue(), d.state().overdue(), clocks);
        return new CaseView(ref.id(), ref.municipality().value(), ref.status(), ref.entered(), ref.reason(),
                ref.closedOn(), ref.exitReason(), ref.assignee(), ref.version(), d.person(), !d.contactDetailsShown(),
                d.contactDetails(), state, d.contacts(), d.occupations(), d.plan(), d.revisions(), d.notes(),
                d.events(), letters.ofCase(ref.id()).stream().map(LetterApiController.LetterView::of).toList());
    }

    /**
     * Strikes out a contact attempt logged by mistake, body {@code {"version": n, "reason": "…"}}: it
     * stays in {@code contacts} with {@code struck}, {@code struckBy}, {@code struckAt} and
     * {@code struckReason}, and no longer counts. {@code 404} unknown attempt, {@code 400} without a
     * reason or with one over 500 characters, {@code 409} already struck out or a stale version.
     */
    @PostMapping("/api/v1/cases/{id}/contacts/{contactId}/strike")
    Written strike(@PathVariable CaseId id, @PathVariable long contactId, @Valid @RequestBody StrikeContact r) {
        CaseRecords.Saved saved = records.strikeContact(id.value(), contactId, r);
        return new Written(saved.id(), saved.version());
    }

    @PostMapping("/api/v1/cases/{id}/contacts")
    ResponseEntity<Written> contact(@PathVariable CaseId id, @Valid @RequestBody RecordContact r) {
        return created(id.value(), records.recordContact(id.value(), r));
    }

    @PostMapping("/api/v1/cases/{id}/occupations")
    ResponseEntity<Written> occupation(@PathVariable CaseId id, @Valid @RequestBody RecordOccupation r) {
        return created(id.value(), records.recordOccupation(id.value(), r));
    }

    @PostMapping("/api/v1/cases/{id}/measures")
    ResponseEntity<Written> measure(@PathVariable CaseId id, @Valid @RequestBody OfferMeasure r) {
        return created(id.value(), records.offerMeasure(id.value(), r));
    }

    /**
     * A change of a measure: only what is sent changes – absent or null is unchanged, an empty string
     * clears an optional field; the result is a {@link ChangeMeasure}, checked like the form's.
     */
    @PatchMapping("/api/v1/cases/{id}/measures/{measureId}")
    Written changeMeasure(@PathVariable CaseId id, @PathVariable long measureId, @RequestBody ObjectNode patch) {
        CaseAccess.CaseRef ref = cases.load(id.value());
        CaseDetails.Measure m = details.of(ref).plan().measures().stream().filter(x -> x.id() == measureId).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Measure"));
        ObjectNode merged = json.createObjectNode();
        merged.put("responsible", m.responsible());
        merged.put("responsibleActor", m.responsibleActor());
        merged.put("status", m.status());
        merged.put("decidedOn", text(m.decidedOn()));
        merged.put("starts", text(m.starts()));
        merged.put("ends", text(m.ends()));
        merged.put("endReason", m.endReason());
        merged.put("followUp", text(m.followUp()));
        merged.put("note", m.note());
        patch.properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        ChangeMeasure change = typed.bind(merged, ChangeMeasure.class);
        CaseRecords.Saved saved = records.changeMeasure(ref.id(), measureId, change);
        return new Written(saved.id(), saved.version());
    }

    @PutMapping("/api/v1/cases/{id}/plan")
    Written plan(@PathVariable CaseId id, @Valid @RequestBody RevisePlan r) {
        CaseRecords.Saved saved = records.revisePlan(id.value(), r);
        return new Written(null, saved.version());
    }

    @PostMapping("/api/v1/cases/{id}/notes")
    ResponseEntity<Written> note(@PathVariable CaseId id, @Valid @RequestBody WriteNote r) {
        return created(id.value(), records.writeNote(id.value(), r));
    }

    @PutMapping("/api/v1/cases/{id}/contact-details")
    Written contactDetails(@PathVariable CaseId id, @Valid @RequestBody SetContactDetails r, BindingResult binding) {
        records.requireContactDetailsShown(id.value());
        if (binding.hasErrors()) {
            throw InputProblems.invalid(binding);
        }
        CaseRecords.Saved saved = records.setContactDetails(id.value(), r);
        return new Written(null, saved.version());
    }

    private ResponseEntity<Written> created(long caseId, CaseRecords.Saved saved) {
        return ResponseEntity.created(URI.create("/api/v1/cases/" + caseId)).body(new Written(saved.id(), saved.version()));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
