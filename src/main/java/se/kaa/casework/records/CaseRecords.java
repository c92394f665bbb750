package se.kaa.casework.records;

import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.settings.MeasureCatalogue;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.cases.OccupationExpiry.OccupationType;
import se.kaa.platform.ProblemException;
import se.kaa.platform.ProblemException.FieldProblem;
import se.kaa.security.CurrentAccess;

/**
 * Everything a case worker records on a case: contact attempts, occupations, measures and the
 * plan's goal (each change writes a plan revision), notes and contact details. Every write is
 * checked in this order: the fields ({@code 400}), text that looks like sensitive personal data
 * ({@code 422} unless confirmed), a closed case ({@code 409}), then the case's version
 * ({@code 409}, someone else saved first) – claimed in the same transaction as the write – and is
 * audited. Inputs are strings as typed, so the form and the API share one validation.
 */
@Service
public class CaseRecords {

    public enum Channel { LETTER, SMS, PHONE, EMAIL, HOME_VISIT, SOCIAL_MEDIA, MEETING }

    /** What a person can record; SENT is written by the letters and messages module. */
    public enum Outcome { REACHED, NO_ANSWER, WRONG_NUMBER, REFUSED, MOVED }

    public enum OccupationSource { YOUNG_PERSON, SCHOOL, AUTHORITY, REGISTER }

    public enum Responsible { YOUNG_PERSON, MUNICIPALITY, OTHER }

    public enum MeasureStatus { OFFERED, ACCEPTED, DECLINED, ENDED }

    public record ContactInput(String attemptedAt, String channel, String outcome, String note, String nextAttemptDue) {
    }

    public record OccupationInput(String type, String source, String started, String ended, String verifiedOn,
                                  String note) {
    }

    public record MeasureInput(String measureTypeId, String responsible, String responsibleActor, String status,
                               String offeredOn, String decidedOn, String starts, String ends, String endReason,
                               String followUp, String note) {
    }

    /** A change of a measure: its status and dates (its type and offer stay). */
    public record MeasureChange(String responsible, String responsibleActor, String status, String decidedOn,
                                String starts, String ends, String endReason, String followUp, String note) {
    }

    /** What a write created (id, or 0) and the case's new version. */
    public record Saved(long id, long version) {
    }

    public static final int MAX_TEXT = 4000;
    public static final int MAX_SHORT = 200;
    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{6,20}");
    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final JdbcClient jdbc;
    private final CaseAccess cases;
    private final CurrentAccess access;
    private final MeasureCatalogue catalogue;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;

    CaseRecords(JdbcClient jdbc, CaseAccess cases, CurrentAccess access, MeasureCatalogue catalogue, AuditLog audit,
                MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.access = access;
        this.catalogue = catalogue;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional
    public Saved addContact(long caseId, long version, ContactInput in, boolean confirmSensitive) {
        CaseAccess.CaseRef ref = cases.load(caseId);
        Fields f = new Fields();
        LocalDateTime at = f.dateTime("attemptedAt", in.attemptedAt(), true);
        if (at != null && at.atZone(SWEDEN).toInstant().isAfter(clock.instant().plusSeconds(300))) {
            f.problem("attemptedAt", "caserecords.field.future");
        }
        Channel channel = f.choice("channel", in.channel(), Channel.class, true);
        Outcome outcome = f.choice("outcome", in.outcome(), Outcome.class, true);
        String note = f.text("note", in.note(), MAX_TEXT);
        LocalDate next = f.date("nextAttemptDue", in.nextAttemptDue(), false);
        f.check();
        sensitive(confirmSensitive, Map.of("note", note == null ? "" : note));
        // A closed case still takes contact attempts: what happened after it closed is worth keeping.
        long v = cases.claimVersion(caseId, version);
        long id = jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, note, next_attempt_due,
                                                      recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(caseId, Timestamp.from(at.atZone(SWEDEN).toInstant()), channel.name(), outcome.name(), note,
                        next, user(), now())
                .query(Long.class).single();
        audited("CASE_CONTACT_RECORDED", ref, "contact attempt " + id);
        return new Saved(id, v);
    }

    /** The longest reason for striking out an attempt. */
    public static final int MAX_STRIKE_REASON = 500;

    /**
     * Strikes out a contact attempt logged by mistake: it stays in the history with the reason, who and
     * when, and no longer counts (contact state, clocks, worklist – {@code casework_refresh_case_state}).
     * An unknown attempt (or one of another case) is {@code 404}; the reason is required
     * ({@code 400}); one already struck out is {@code 409}, as is a stale version. A closed case's
     * attempts can be struck out too, as they can be added.
     */
    @Transactional
    public Saved strikeContact(long caseId, long contactId, long version, String reason) {
        CaseAccess.CaseRef ref = cases.load(caseId);
        boolean struck = jdbc.sql("SELECT struck_at IS NOT NULL FROM casework_contact_attempt WHERE id = ? AND case_id = ? FOR UPDATE")
                .params(contactId, caseId).query(Boolean.class).optional()
                .orElseThrow(() -> ProblemException.notFound("Contact attempt"));
        Fields f = new Fields();
        String text = f.text("reason", reason, MAX_STRIKE_REASON);
        if (text == null) {
            f.problem("reason", "caserecords.field.required");
        }
        f.check();
        if (struck) {
            throw new ProblemException(HttpStatus.CONFLICT, "caserecords.problem.alreadyStruck",
                    "Contact attempt " + contactId + " is already struck out");
        }
        long v = cases.claimVersion(caseId, version);
        jdbc.sql("""
                UPDATE casework_contact_attempt SET struck_at = ?, struck_by = ?, struck_reason = ?
                WHERE id = ? AND case_id = ? AND struck_at IS NULL""")
                .params(now(), user(), text, contactId, caseId).update();
        audited("CASE_CONTACT_STRUCK", ref, "contact attempt " + contactId + " struck out");
        return new Saved(contactId, v);
    }

    @Transactional
    public Saved addOccupation(long caseId, long version, OccupationInput in, boolean confirmSensitive) {
        CaseAccess.CaseRef ref = cases.load(caseId);
        Fields f = new Fields();
        OccupationType type = f.choice("type", in.type(), OccupationType.class, true);
        OccupationSource source = f.choice("source", in.source(), OccupationSource.class, true);
        LocalDate started = f.date("started", in.started(), false);
        LocalDate ended = f.date("ended", in.ended(), false);
        LocalDate verified = f.date("verifiedOn", in.verifiedOn(), true);
        String note = f.text("note", in.note(), MAX_TEXT);
        if (started != null && ended != null && ended.isBefore(started)) {
            f.problem("ended", "caserecords.field.endBeforeStart");
        }
        if (verified != null && verified.isAfter(today())) {
            f.problem("verifiedOn", "caserecords.field.future");
        }
        f.check();
        sensitive(confirmSensitive, Map.of("note", note == null ? "" : note));
        open(ref);
        long v = cases.claimVersion(caseId, version);
        long id = jdbc.sql("""
                INSERT INTO casework_occupation (case_id, type, source, started, ended, verified_on, note, recorded_by,
                                                 recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(caseId, type.name(), source.name(), started, ended, verified, note, user(), now())
                .query(Long.class).single();
        audited("CASE_OCCUPATION_RECORDED", ref, "occupation " + id);
        return new Saved(id, v);
    }

    @Transactional
    public Saved addMeasure(long caseId, long version, MeasureInput in, boolean confirmSensitive) {
        CaseAccess.CaseRef ref = cases.load(caseId);
        Fields f = new Fields();
        Long typeId = null;
        if (blank(in.measureTypeId())) {
            f.problem("measureTypeId", "caserecords.field.required");
        } else {
            try {
                long candidate = Long.parseLong(in.measureTypeId().strip());
                if (catalogue.active(ref.municipality()).stream().anyMatch(t -> t.id() == candidate)) {
                    typeId = candidate;
                } else {
                    f.problem("measureTypeId", "caserecords.field.choice");
                }
            } catch (NumberFormatException e) {
                f.problem("measureTypeId", "caserecords.field.choice");
            }
        }
        LocalDate offered = f.date("offeredOn", in.offeredOn(), true);
        MeasureValues m = measureValues(f, in.responsible(), in.responsibleActor(), in.status(), in.decidedOn(),
                in.starts(), in.ends(), in.endReason(), in.followUp(), in.note());
        if (offered != null && m.decided != null && m.decided.isBefore(offered)) {
            f.problem("decidedOn", "caserecords.field.decidedBeforeOffered");
        }
        f.check();
        sensitive(confirmSensitive, texts("note", m.note, "endReason", m.endReason));
        open(ref);
        long v = cases.claimVersion(caseId, version);
        long id = jdbc.sql("""
                INSERT INTO casework_measure (case_id, measure_type_id, responsible, responsible_actor, status, offered_on,
                                              decided_on, starts, ends, end_reason, follow_up, note, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(caseId, typeId, m.responsible.name(), m.actor, m.status.name(), offered, m.decided, m.starts,
                        m.ends, m.endReason, m.followUp, m.note, user(), now())
                .query(Long.class).single();
        revise(caseId);
        audited("CASE_MEASURE_RECORDED", ref, "measure " + id);
        return new Saved(id, v);
    }

    @Transactional
    public Saved changeMeasure(long caseId, long measureId, long version, MeasureChange in, boolean confirmSensitive) {
        CaseAccess.CaseRef ref = cases.load(caseId);
        LocalDate offered = jdbc.sql("SELECT offered_on FROM casework_measure WHERE id = ? AND case_id = ?")
                .params(measureId, caseId).query(LocalDate.class).optional()
                .orElseThrow(() -> ProblemException.notFound("Measure"));
        Fields f = new Fields();
        MeasureValues m = measureValues(f, in.responsible(), in.responsibleActor(), in.status(), in.decidedOn(),
                in.starts(), in.ends(), in.endReason(), in.followUp(), in.note());
        if (m.decided != null && m.decided.isBefore(offered)) {
            f.problem("decidedOn", "caserecords.field.decidedBeforeOffered");
        }
        f.check();
        sensitive(confirmSensitive, texts("note", m.note, "endReason", m.endReason));
        open(ref);
        long v = cases.claimVersion(caseId, version);
        jdbc.sql("""
                UPDATE casework_measure SET responsible = ?, responsible_actor = ?, status = ?, decided_on = ?, starts = ?,
                       ends = ?, end_reason = ?, follow_up = ?, note = ? WHERE id = ? AND case_id = ?""")
                .params(m.responsible.name(), m.actor, m.status.name(), m.decided, m.starts, m.ends, m.endReason,
                        m.followUp, m.note, measureId, caseId)
                .update();
        revise(caseId);
        audited("CASE_MEASURE_CHANGED", ref, "measure " + measureId);
        return new Saved(measureId, v);
    }

    @Transactional
    public Saved setGoal(long caseId, long version, String goal, boolean confirmSensitive) {
        CaseAccess.CaseRef ref = cases.load(caseId);
        Fields f = new Fields();
        String text = f.text("goal", goal, MAX_TEXT);
        f.check();
        sensitive(confirmSensitive, texts("goal", text));
        open(ref);
        long v = cases.claimVersion(caseId, version);
        ensurePlan(caseId);
        jdbc.sql("UPDATE casework_plan SET goal = ? WHERE case_id = ?").params(text, caseId).update();
        revise(caseId);
        audited("CASE_PLAN_CHANGED", ref, "plan goal");
        return new Saved(0, v);
    }

    @Transactional
    public Saved addNote(long caseId, long version, String text, boolean confirmSensitive) {
        CaseAccess.CaseRef ref = cases.load(caseId);
        Fields f = new Fields();
        String note = f.text("text", text, MAX_TEXT);
        if (note == null) {
            f.problem("text", "caserecords.field.required");
        }
        f.check();
        sensitive(confirmSensitive, texts("text", note));
        // A closed case still takes notes, like contact attempts.
        long v = cases.claimVersion(caseId, version);
        long id = jdbc.sql("INSERT INTO casework_note (case_id, text, written_by, written_at) VALUES (?, ?, ?, ?) RETURNING id")
                .params(caseId, note, user(), now()).query(Long.class).single();
        audited("CASE_NOTE_WRITTEN", ref, "note " + id);
        return new Saved(id, v);
    }

    @Transactional
    public Saved setContactDetails(long caseId, long version, String phone, String email) {
        CaseAccess.CaseRef ref = cases.load(caseId);
        if (!contactDetailsShown(ref)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "caserecords.problem.protected",
                    "Contact details of a protected identity");
        }
        Fields f = new Fields();
        String p = f.text("phone", phone, 40);
        String e = f.text("email", email, MAX_SHORT);
        if (p != null && !PHONE.matcher(p).matches()) {
            f.problem("phone", "caserecords.field.phone");
        }
        if (e != null && !EMAIL.matcher(e).matches()) {
            f.problem("email", "caserecords.field.email");
        }
        f.check();
        open(ref);
        long v = cases.claimVersion(caseId, version);
        jdbc.sql("""
                INSERT INTO casework_contact_details (case_id, phone, email, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (case_id) DO UPDATE SET phone = excluded.phone, email = excluded.email,
                       updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .params(caseId, p, e, user(), now()).update();
        audited("CASE_CONTACT_DETAILS_CHANGED", ref, "contact details");
        return new Saved(0, v);
    }

    /** Phone and e-mail are hidden, like the address, for a protected identity without the permission. */
    public boolean contactDetailsShown(CaseAccess.CaseRef ref) {
        return !ref.protectedIdentity() || access.scope().maySeeProtectedAddress();
    }

    // --- plan revisions

    private void ensurePlan(long caseId) {
        jdbc.sql("""
                INSERT INTO casework_plan (case_id, goal, revision, updated_by, updated_at) VALUES (?, NULL, 0, ?, ?)
                ON CONFLICT (case_id) DO NOTHING""").params(caseId, user(), now()).update();
    }

    /** Writes the next revision of the plan: its goal and all its measures as they are now. */
    private void revise(long caseId) {
        ensurePlan(caseId);
        int revision = jdbc.sql("""
                UPDATE casework_plan SET revision = revision + 1, updated_by = ?, updated_at = ? WHERE case_id = ?
                RETURNING revision""").params(user(), now(), caseId).query(Integer.class).single();
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
                .params(user(), now(), caseId, revision).update();
    }

    // --- checks

    private void open(CaseAccess.CaseRef ref) {
        if (!ref.open()) {
            throw new ProblemException(HttpStatus.CONFLICT, "caserecords.problem.closed", "Case " + ref.id() + " is closed");
        }
    }

    /** Refuses (422) text that looks sensitive unless the user confirmed it; names each field and the words. */
    private void sensitive(boolean confirmed, Map<String, String> texts) {
        if (confirmed) {
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

    private record MeasureValues(Responsible responsible, String actor, MeasureStatus status, LocalDate decided,
                                 LocalDate starts, LocalDate ends, String endReason, LocalDate followUp, String note) {
    }

    private MeasureValues measureValues(Fields f, String responsible, String actor, String status, String decidedOn,
                                        String starts, String ends, String endReason, String followUp, String note) {
        Responsible r = f.choice("responsible", responsible, Responsible.class, true);
        String a = f.text("responsibleActor", actor, MAX_SHORT);
        if (r == Responsible.OTHER && a == null) {
            f.problem("responsibleActor", "caserecords.field.actorRequired");
        }
        if (r != Responsible.OTHER) {
            a = null;
        }
        MeasureStatus s = f.choice("status", status, MeasureStatus.class, true);
        LocalDate decided = f.date("decidedOn", decidedOn, false);
        LocalDate st = f.date("starts", starts, false);
        LocalDate en = f.date("ends", ends, false);
        String reason = f.text("endReason", endReason, MAX_SHORT * 5);
        LocalDate follow = f.date("followUp", followUp, false);
        String n = f.text("note", note, MAX_TEXT);
        if (st != null && en != null && en.isBefore(st)) {
            f.problem("ends", "caserecords.field.endBeforeStart");
        }
        if (s == MeasureStatus.ENDED && en == null) {
            f.problem("ends", "caserecords.field.endRequired");
        }
        if (reason != null && s != MeasureStatus.ENDED && s != MeasureStatus.DECLINED) {
            f.problem("endReason", "caserecords.field.endReasonOnlyWhenEnded");
        }
        return new MeasureValues(r, a, s, decided, st, en, reason, follow, n);
    }

    private void audited(String action, CaseAccess.CaseRef ref, String what) {
        audit.record(AuditEvent.write(action, ref.municipality(), List.of(ref.personId()),
                "case " + ref.id() + ": " + what));
    }

    private String user() {
        return access.scope().username();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Collects field problems while parsing; {@link #check()} throws them as one 400. */
    static final class Fields {
        final List<FieldProblem> problems = new ArrayList<>();

        void problem(String field, String key, Object... args) {
            if (problems.stream().noneMatch(p -> p.field().equals(field))) {
                problems.add(new FieldProblem(field, key, args));
            }
        }

        void check() {
            if (!problems.isEmpty()) {
                throw ProblemException.invalidFields(problems);
            }
        }

        String text(String field, String value, int max) {
            if (blank(value)) {
                return null;
            }
            String v = value.strip();
            if (v.length() > max) {
                problem(field, "caserecords.field.tooLong", max);
                return null;
            }
            if (v.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
                problem(field, "caserecords.field.control");
                return null;
            }
            return v;
        }

        LocalDate date(String field, String value, boolean required) {
            if (blank(value)) {
                if (required) {
                    problem(field, "caserecords.field.required");
                }
                return null;
            }
            try {
                LocalDate d = LocalDate.parse(value.strip());
                if (d.getYear() < 1900 || d.getYear() > 2200) {
                    problem(field, "caserecords.field.date");
                    return null;
                }
                return d;
            } catch (DateTimeParseException e) {
                problem(field, "caserecords.field.date");
                return null;
            }
        }

        LocalDateTime dateTime(String field, String value, boolean required) {
            if (blank(value)) {
                if (required) {
                    problem(field, "caserecords.field.required");
                }
                return null;
            }
            try {
                LocalDateTime t = LocalDateTime.parse(value.strip());
                if (t.getYear() < 1900 || t.getYear() > 2200) {
                    problem(field, "caserecords.field.dateTime");
                    return null;
                }
                return t;
            } catch (DateTimeParseException e) {
                problem(field, "caserecords.field.dateTime");
                return null;
            }
        }

        <E extends Enum<E>> E choice(String field, String value, Class<E> type, boolean required) {
            if (blank(value)) {
                if (required) {
                    problem(field, "caserecords.field.required");
                }
                return null;
            }
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(value.strip())) {
                    return e;
                }
            }
            problem(field, "caserecords.field.choice");
            return null;
        }
    }
}
