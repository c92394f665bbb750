package se.kaa.casework.records;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.cases.Case;
import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.cases.CaseCommands.ChangeMeasure;
import se.kaa.casework.cases.CaseCommands.OfferMeasure;
import se.kaa.casework.cases.CaseCommands.RecordContact;
import se.kaa.casework.cases.CaseCommands.RecordOccupation;
import se.kaa.casework.cases.CaseCommands.RevisePlan;
import se.kaa.casework.cases.CaseCommands.SetContactDetails;
import se.kaa.casework.cases.CaseCommands.StrikeContact;
import se.kaa.casework.cases.CaseCommands.WriteNote;
import se.kaa.casework.cases.CaseRepository;
import se.kaa.casework.cases.ContactAttempt;
import se.kaa.casework.cases.ContactAttemptRepository;
import se.kaa.casework.cases.Measure;
import se.kaa.casework.cases.MeasureRepository;
import se.kaa.casework.cases.Note;
import se.kaa.casework.cases.NoteRepository;
import se.kaa.casework.cases.Occupation;
import se.kaa.casework.cases.OccupationRepository;
import se.kaa.casework.settings.MeasureCatalogue;
import se.kaa.platform.ProblemException.FieldProblem;
import se.kaa.platform.ProblemException;
import se.kaa.security.CurrentAccess;

/**
 * Everything a case worker records on a case – contact attempts, occupations, measures and the plan's
 * goal (each change writes a plan revision), notes and contact details – as the {@link Case} allows it.
 * The command arrives typed and validated ({@code 400} at the web edge); then, in one transaction with
 * the case's row locked: text that looks like sensitive personal data ({@code 422} unless confirmed),
 * the case's own rules ({@code 400} for a field that depends on the case or the day, {@code 409} for a
 * closed case or a stale version), the case saved (its version up by one) with what it appended, and
 * an audit entry.
 */
@Service
public class CaseRecords {

    /** What a write created (id, or 0) and the case's new version. */
    public record Saved(long id, long version) {
    }

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final JdbcClient jdbc;
    private final CaseAccess cases;
    private final CaseRepository caseRepository;
    private final ContactAttemptRepository attempts;
    private final OccupationRepository occupations;
    private final MeasureRepository measures;
    private final NoteRepository notes;
    private final CurrentAccess access;
    private final MeasureCatalogue catalogue;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;

    CaseRecords(JdbcClient jdbc, CaseAccess cases, CaseRepository caseRepository, ContactAttemptRepository attempts,
                OccupationRepository occupations, MeasureRepository measures, NoteRepository notes,
                CurrentAccess access, MeasureCatalogue catalogue, AuditLog audit, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.caseRepository = caseRepository;
        this.attempts = attempts;
        this.occupations = occupations;
        this.measures = measures;
        this.notes = notes;
        this.access = access;
        this.catalogue = catalogue;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional
    public Saved recordContact(long caseId, RecordContact c) {
        Case aCase = cases.change(caseId);
        sensitive(c.confirmSensitive(), texts("note", c.note()));
        ContactAttempt attempt = attempts.save(aCase.recordContact(c.version(), c, user(), now()));
        return saved("CASE_CONTACT_RECORDED", aCase, attempt.id(), "contact attempt " + attempt.id());
    }

    /**
     * Strikes out a contact attempt logged by mistake: it stays in the history with the reason, who and
     * when, and no longer counts (contact state, clocks, worklist – {@code casework_refresh_case_state}).
     */
    @Transactional
    public Saved strikeContact(long caseId, long contactId, StrikeContact c) {
        Case aCase = cases.change(caseId);
        ContactAttempt attempt = attempts.findLockedById(contactId)
                .orElseThrow(() -> ProblemException.notFound("Contact attempt"));
        attempts.save(aCase.strikeContact(c.version(), attempt, c.reason(), user(), now()));
        return saved("CASE_CONTACT_STRUCK", aCase, contactId, "contact attempt " + contactId + " struck out");
    }

    @Transactional
    public Saved recordOccupation(long caseId, RecordOccupation c) {
        Case aCase = cases.change(caseId);
        sensitive(c.confirmSensitive(), texts("note", c.note()));
        Occupation occupation = occupations.save(aCase.recordOccupation(c.version(), c, user(), now()));
        return saved("CASE_OCCUPATION_RECORDED", aCase, occupation.id(), "occupation " + occupation.id());
    }

    @Transactional
    public Saved offerMeasure(long caseId, OfferMeasure c) {
        Case aCase = cases.change(caseId);
        sensitive(c.confirmSensitive(), texts("note", c.note(), "endReason", c.endReason()));
        Set<Long> offered = catalogue.active(aCase.municipality()).stream().map(MeasureCatalogue.MeasureType::id)
                .collect(Collectors.toSet());
        Measure measure = measures.save(aCase.offerMeasure(c.version(), c, offered, user(), now()));
        Saved saved = saved("CASE_MEASURE_RECORDED", aCase, measure.id(), "measure " + measure.id());
        revise(caseId);
        return saved;
    }

    @Transactional
    public Saved changeMeasure(long caseId, long measureId, ChangeMeasure c) {
        Case aCase = cases.change(caseId);
        Measure measure = measures.findById(measureId).orElseThrow(() -> ProblemException.notFound("Measure"));
        sensitive(c.confirmSensitive(), texts("note", c.note(), "endReason", c.endReason()));
        measures.save(aCase.changeMeasure(c.version(), measure, c, now()));
        Saved saved = saved("CASE_MEASURE_CHANGED", aCase, measureId, "measure " + measureId);
        revise(caseId);
        return saved;
    }

    @Transactional
    public Saved revisePlan(long caseId, RevisePlan c) {
        Case aCase = cases.change(caseId);
        sensitive(c.confirmSensitive(), texts("goal", c.goal()));
        aCase.revisePlan(c.version(), now());
        Saved saved = saved("CASE_PLAN_CHANGED", aCase, null, "plan goal");
        ensurePlan(caseId);
        jdbc.sql("UPDATE casework_plan SET goal = ? WHERE case_id = ?").params(c.goal(), caseId).update();
        revise(caseId);
        return saved;
    }

    @Transactional
    public Saved writeNote(long caseId, WriteNote c) {
        Case aCase = cases.change(caseId);
        sensitive(c.confirmSensitive(), texts("text", c.text()));
        Note note = notes.save(aCase.writeNote(c.version(), c, user(), now()));
        return saved("CASE_NOTE_WRITTEN", aCase, note.id(), "note " + note.id());
    }

    @Transactional
    public Saved setContactDetails(long caseId, SetContactDetails c) {
        Case aCase = cases.change(caseId);
        aCase.changeContactDetails(c.version(), c, !contactDetailsShown(cases.load(caseId)), now());
        Saved saved = saved("CASE_CONTACT_DETAILS_CHANGED", aCase, null, "contact details");
        jdbc.sql("""
                INSERT INTO casework_contact_details (case_id, phone, email, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (case_id) DO UPDATE SET phone = excluded.phone, email = excluded.email,
                       updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .params(caseId, c.phone(), c.email(), user(), Timestamp.from(now())).update();
        return saved;
    }

    /**
     * Refuses ({@code 403}) before anything else is looked at when her contact details are hidden from
     * the user – the API asks it before it reports her fields' mistakes.
     */
    public void requireContactDetailsShown(long caseId) {
        if (!contactDetailsShown(cases.load(caseId))) {
            throw Case.contactDetailsHidden();
        }
    }

    /** Phone and e-mail are hidden, like the address, for a protected identity without the permission. */
    public boolean contactDetailsShown(CaseAccess.CaseRef ref) {
        return !ref.protectedIdentity() || access.scope().maySeeProtectedAddress();
    }

    /** Saves the changed case (its version goes up by one) and audits the write. */
    private Saved saved(String action, Case aCase, Long id, String what) {
        Case c = caseRepository.save(aCase);
        audit.record(AuditEvent.write(action, c.municipality(), List.of(c.personId()), "case " + c.id() + ": " + what));
        return new Saved(id == null ? 0 : id, c.version());
    }

    // --- plan revisions

    private void ensurePlan(long caseId) {
        jdbc.sql("""
                INSERT INTO casework_plan (case_id, goal, revision, updated_by, updated_at) VALUES (?, NULL, 0, ?, ?)
                ON CONFLICT (case_id) DO NOTHING""").params(caseId, user(), Timestamp.from(now())).update();
    }

    /** Writes the next revision of the plan: its goal and all its measures as they are now. */
    private void revise(long caseId) {
        ensurePlan(caseId);
        Timestamp now = Timestamp.from(now());
        int revision = jdbc.sql("""
                UPDATE casework_plan SET revision = revision + 1, updated_by = ?, updated_at = ? WHERE case_id = ?
                RETURNING revision""").params(user(), now, caseId).query(Integer.class).single();
        jdbc.sql("""
                INSERT INTO casework_plan_revision (case_id, revision, plan, created_by, created_at)
                SELECT p.case_id, p.revision, jsonb_build_object('goal', p.goal, 'measures', COALESCE((
                    SELECT jsonb_agg(jsonb_build_object('id', m.id, 'type', t.name, 'category', t.reporting_category,
                        'responsible', m.responsible, 'responsibleActor', m.responsible_actor, 'status', m.status,
                        'offeredOn', m.offered_on, 'decidedOn', m.decided_on, 'starts', m.starts, 'ends', m.ends,
                        'endReason', m.end_reason, 'followUp', m.follow_up, 'note', m.note) ORDER BY m.offered_on, m.id)
                    FROM casework_measure m JOIN casework_measure_type t ON t.id = m.measure_type_id
                    WHERE m.case_id = p.case_id), '[]'::jsonb)), ?, ?
                FROM casework_plan p WHERE p.case_id = ? AND p.revision = ?""")
                .params(user(), now, caseId, revision).update();
    }

    // --- sensitive text

    /** Refuses (422) text that looks sensitive unless the user confirmed it; names each field and the words. */
    private void sensitive(Boolean confirmed, Map<String, String> texts) {
        if (Boolean.TRUE.equals(confirmed)) {
            return;
        }
        List<FieldProblem> problems = new ArrayList<>();
        texts.forEach((field, text) -> {
            List<SensitiveTextDetector.Finding> found = SensitiveTextDetector.find(text);
            if (!found.isEmpty()) {
                String categories = SensitiveTextDetector.categories(found).stream()
                        .map(c -> messages.getMessage("caserecords.sensitive." + c.name(), null, c.name(), SWEDISH))
                        .collect(Collectors.joining(", "));
                String words = found.stream().map(SensitiveTextDetector.Finding::word).collect(Collectors.joining(", "));
                problems.add(new FieldProblem(field, "caserecords.sensitive.found", categories, words));
            }
        });
        if (!problems.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "caserecords.problem.sensitive",
                    "Text looks like sensitive personal data in " + problems.stream().map(FieldProblem::field).toList(),
                    problems);
        }
    }

    private static Map<String, String> texts(String... fieldsAndTexts) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndTexts.length; i += 2) {
            map.put(fieldsAndTexts[i], fieldsAndTexts[i + 1] == null ? "" : fieldsAndTexts[i + 1]);
        }
        return map;
    }

    private String user() {
        return access.scope().username();
    }

    private Instant now() {
        return clock.instant();
    }
}
