package se.kaa.casework.records;

import se.kaa.casework.letters.LetterApiController;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.cases.CaseStates;
import se.kaa.casework.letters.LetterService;
import se.kaa.platform.ProblemException;

/**
 * The case and what is recorded on it, over the API (docs/casework.md). Every write takes the
 * case's {@code version} and answers with the new one; a stale version is {@code 409}, text that
 * looks sensitive {@code 422} unless {@code "confirmSensitive": true}, wrong fields {@code 400} –
 * all problem details naming the field.
 */
@RestController
class CaseApiController {

    record ContactRequest(Long version, String attemptedAt, String channel, String outcome, String note,
                          String nextAttemptDue, Boolean confirmSensitive) {
    }

    record OccupationRequest(Long version, String type, String source, String started, String ended,
                             String verifiedOn, String note, Boolean confirmSensitive) {
    }

    record MeasureRequest(Long version, String measureTypeId, String responsible, String responsibleActor,
                          String status, String offeredOn, String decidedOn, String starts, String ends,
                          String endReason, String followUp, String note, Boolean confirmSensitive) {
    }

    /** Absent or null: unchanged; an empty string clears an optional field. */
    record MeasurePatch(Long version, String responsible, String responsibleActor, String status, String decidedOn,
                        String starts, String ends, String endReason, String followUp, String note,
                        Boolean confirmSensitive) {
    }

    record PlanRequest(Long version, String goal, Boolean confirmSensitive) {
    }

    record NoteRequest(Long version, String text, Boolean confirmSensitive) {
    }

    record ContactDetailsRequest(Long version, String phone, String email) {
    }

    record StrikeRequest(Long version, String reason) {
    }

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

    CaseApiController(CaseAccess cases, CaseDetails details, CaseRecords records, AuditLog audit,
                      LetterService letters) {
        this.cases = cases;
        this.details = details;
        this.records = records;
        this.audit = audit;
        this.letters = letters;
    }

    @GetMapping("/api/v1/cases/{id}")
    CaseView get(@PathVariable String id) {
        CaseAccess.CaseRef ref = cases.load(CaseAccess.id(id));
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
    Written strike(@PathVariable String id, @PathVariable String contactId, @RequestBody StrikeRequest r) {
        long caseId = CaseAccess.id(id);
        long contact = CaseAccess.id(contactId);
        CaseRecords.Saved saved = records.strikeContact(caseId, contact, version(r.version()), r.reason());
        return new Written(saved.id(), saved.version());
    }

    @PostMapping("/api/v1/cases/{id}/contacts")
    ResponseEntity<Written> contact(@PathVariable String id, @RequestBody ContactRequest r) {
        long caseId = CaseAccess.id(id);
        return created(caseId, records.addContact(caseId, version(r.version()), new CaseRecords.ContactInput(
                r.attemptedAt(), r.channel(), r.outcome(), r.note(), r.nextAttemptDue()), yes(r.confirmSensitive())));
    }

    @PostMapping("/api/v1/cases/{id}/occupations")
    ResponseEntity<Written> occupation(@PathVariable String id, @RequestBody OccupationRequest r) {
        long caseId = CaseAccess.id(id);
        return created(caseId, records.addOccupation(caseId, version(r.version()), new CaseRecords.OccupationInput(
                r.type(), r.source(), r.started(), r.ended(), r.verifiedOn(), r.note()), yes(r.confirmSensitive())));
    }

    @PostMapping("/api/v1/cases/{id}/measures")
    ResponseEntity<Written> measure(@PathVariable String id, @RequestBody MeasureRequest r) {
        long caseId = CaseAccess.id(id);
        return created(caseId, records.addMeasure(caseId, version(r.version()), new CaseRecords.MeasureInput(
                r.measureTypeId(), r.responsible(), r.responsibleActor(), r.status(), r.offeredOn(), r.decidedOn(),
                r.starts(), r.ends(), r.endReason(), r.followUp(), r.note()), yes(r.confirmSensitive())));
    }

    @PatchMapping("/api/v1/cases/{id}/measures/{measureId}")
    Written changeMeasure(@PathVariable String id, @PathVariable String measureId, @RequestBody MeasurePatch r) {
        CaseAccess.CaseRef ref = cases.load(CaseAccess.id(id));
        long mid = CaseAccess.id(measureId);
        long version = version(r.version());
        CaseDetails.Measure m = details.of(ref).plan().measures().stream().filter(x -> x.id() == mid).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Measure"));
        CaseRecords.Saved saved = records.changeMeasure(ref.id(), mid, version, new CaseRecords.MeasureChange(
                or(r.responsible(), m.responsible()), or(r.responsibleActor(), m.responsibleActor()),
                or(r.status(), m.status()), or(r.decidedOn(), m.decidedOn()), or(r.starts(), m.starts()),
                or(r.ends(), m.ends()), or(r.endReason(), m.endReason()), or(r.followUp(), m.followUp()),
                or(r.note(), m.note())), yes(r.confirmSensitive()));
        return new Written(saved.id(), saved.version());
    }

    @PutMapping("/api/v1/cases/{id}/plan")
    Written plan(@PathVariable String id, @RequestBody PlanRequest r) {
        long caseId = CaseAccess.id(id);
        CaseRecords.Saved saved = records.setGoal(caseId, version(r.version()), r.goal(), yes(r.confirmSensitive()));
        return new Written(null, saved.version());
    }

    @PostMapping("/api/v1/cases/{id}/notes")
    ResponseEntity<Written> note(@PathVariable String id, @RequestBody NoteRequest r) {
        long caseId = CaseAccess.id(id);
        return created(caseId, records.addNote(caseId, version(r.version()), r.text(), yes(r.confirmSensitive())));
    }

    @PutMapping("/api/v1/cases/{id}/contact-details")
    Written contactDetails(@PathVariable String id, @RequestBody ContactDetailsRequest r) {
        long caseId = CaseAccess.id(id);
        CaseRecords.Saved saved = records.setContactDetails(caseId, version(r.version()), r.phone(), r.email());
        return new Written(null, saved.version());
    }

    private ResponseEntity<Written> created(long caseId, CaseRecords.Saved saved) {
        return ResponseEntity.created(URI.create("/api/v1/cases/" + caseId)).body(new Written(saved.id(), saved.version()));
    }

    private long version(Long version) {
        if (version == null) {
            throw ProblemException.invalidFields(List.of(
                    new ProblemException.FieldProblem("version", "caserecords.field.required")));
        }
        return version;
    }

    private static boolean yes(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    private static String or(String given, Object current) {
        return given != null ? given : current == null ? null : current.toString();
    }
}
