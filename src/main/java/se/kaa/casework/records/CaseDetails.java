package se.kaa.casework.records;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.cases.CaseStates;
import se.kaa.casework.cases.OccupationExpiry.OccupationType;
import se.kaa.casework.cases.OccupationExpiry;
import se.kaa.person.PersonDirectory;
import se.kaa.person.PersonSummary;

/**
 * Reads all that is recorded on a case, as the case page and {@code GET /api/v1/cases/{id}} show it.
 * Reads only: the caller loads the case through {@link CaseAccess} and audits the view.
 */
@Component
public class CaseDetails {

    public record Person(String name, String personnummer, LocalDate birthDate, int age, boolean protectedIdentity) {
    }

    public record ContactDetails(String phone, String email, String updatedBy, Instant updatedAt) {
    }

    /**
     * A contact attempt; {@code struck}: struck out (by {@code struckBy} at {@code struckAt}, for
     * {@code struckReason}) – still shown, no longer counted.
     */
    public record Contact(long id, LocalDateTime attemptedAt, String channel, String outcome, String note,
                          LocalDate nextAttemptDue, Long messageId, String recordedBy, boolean struck,
                          Instant struckAt, String struckBy, String struckReason) {
    }

    public record Occupation(long id, String type, String source, LocalDate started, LocalDate ended,
                             LocalDate verifiedOn, LocalDate staleFrom, boolean stale, String note, String recordedBy) {
    }

    public record Measure(long id, long measureTypeId, String type, String reportingCategory, String responsible,
                          String responsibleActor, String status, LocalDate offeredOn, LocalDate decidedOn,
                          LocalDate starts, LocalDate ends, String endReason, LocalDate followUp, String note,
                          String recordedBy) {
    }

    public record Plan(String goal, int revision, String updatedBy, Instant updatedAt, List<Measure> measures) {
    }

    public record Note(long id, String text, String writtenBy, Instant writtenAt) {
    }

    public record Event(Instant occurredAt, String kind, LocalDate onDate, String reason, String assignee,
                        String previous, String how, String actor) {
    }

    public record Revision(int revision, String createdBy, Instant createdAt) {
    }

    /** One revision as it was: the goal and the measures then. */
    public record RevisionSnapshot(int revision, String createdBy, Instant createdAt, String goal,
                                   List<Measure> measures) {
    }

    public record Detail(CaseAccess.CaseRef ref, Person person, boolean contactDetailsShown,
                         ContactDetails contactDetails, CaseStates.CaseState state, List<Contact> contacts,
                         List<Occupation> occupations, Plan plan, List<Note> notes, List<Event> events,
                         List<Revision> revisions) {
    }

    private final JdbcClient jdbc;
    private final PersonDirectory persons;
    private final CaseStates states;
    private final OccupationExpiry expiry;
    private final CaseRecords records;
    private final Clock clock;

    CaseDetails(JdbcClient jdbc, PersonDirectory persons, CaseStates states, OccupationExpiry expiry,
                CaseRecords records, Clock clock) {
        this.jdbc = jdbc;
        this.persons = persons;
        this.states = states;
        this.expiry = expiry;
        this.records = records;
        this.clock = clock;
    }

    public Detail of(CaseAccess.CaseRef ref) {
        LocalDate today = LocalDate.now(clock);
        long id = ref.id();
        CaseStates.CaseState state = states.of(id);
        // a closed case's occupation goes stale no later than the case (CaseStates.asOf)
        LocalDate asOf = state.asOf();
        PersonSummary p = persons.summary(ref.personId()).orElseThrow();
        Person person = new Person(p.displayName(), p.pin().formatted(), p.birthDate(),
                Period.between(p.birthDate(), today).getYears(), p.protectedIdentity());
        boolean shown = records.contactDetailsShown(ref);
        ContactDetails details = shown ? jdbc.sql(
                "SELECT phone, email, updated_by, updated_at FROM casework_contact_details WHERE case_id = ?")
                .param(id)
                .query((rs, n) -> new ContactDetails(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .optional().orElse(null) : null;
        List<Contact> contacts = jdbc.sql("""
                SELECT id, attempted_at, channel, outcome, note, next_attempt_due, message_id, recorded_by,
                       struck_at, struck_by, struck_reason
                FROM casework_contact_attempt WHERE case_id = ? ORDER BY attempted_at DESC, id DESC""")
                .param(id)
                .query((rs, n) -> new Contact(rs.getLong(1),
                        LocalDateTime.ofInstant(rs.getTimestamp(2).toInstant(), se.kaa.casework.cases.Case.SWEDEN).withNano(0),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class),
                        (Long) rs.getObject(7, Long.class), rs.getString(8), rs.getTimestamp(9) != null,
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(), rs.getString(10),
                        rs.getString(11)))
                .list();
        Map<OccupationType, Integer> days = expiry.days(ref.municipality());
        List<Occupation> occupations = jdbc.sql("""
                SELECT id, type, source, started, ended, verified_on, note, recorded_by FROM casework_occupation
                WHERE case_id = ? ORDER BY verified_on DESC, id DESC""")
                .param(id)
                .query((rs, n) -> {
                    LocalDate verified = rs.getObject(6, LocalDate.class);
                    int d = days.getOrDefault(OccupationType.valueOf(rs.getString(2)), 30);
                    return new Occupation(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), verified,
                            verified.plusDays(d), OccupationExpiry.stale(verified, d, asOf), rs.getString(7),
                            rs.getString(8));
                })
                .list();
        List<Measure> measures = jdbc.sql("""
                SELECT m.id, m.measure_type_id, t.name, t.reporting_category, m.responsible, m.responsible_actor, m.status,
                       m.offered_on, m.decided_on, m.starts, m.ends, m.end_reason, m.follow_up, m.note, m.recorded_by
                FROM casework_measure m JOIN casework_measure_type t ON t.id = m.measure_type_id
                WHERE m.case_id = ? ORDER BY m.offered_on, m.id""")
                .param(id)
                .query((rs, n) -> new Measure(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, LocalDate.class),
                        rs.getObject(9, LocalDate.class), rs.getObject(10, LocalDate.class),
                        rs.getObject(11, LocalDate.class), rs.getString(12), rs.getObject(13, LocalDate.class),
                        rs.getString(14), rs.getString(15)))
                .list();
        Plan plan = jdbc.sql("SELECT goal, revision, updated_by, updated_at FROM casework_plan WHERE case_id = ?")
                .param(id)
                .query((rs, n) -> new Plan(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), measures))
                .optional().orElse(new Plan(null, 0, null, null, measures));
        List<Note> notes = jdbc.sql("""
                SELECT id, text, written_by, written_at FROM casework_note WHERE case_id = ?
                ORDER BY written_at DESC, id DESC""")
                .param(id)
                .query((rs, n) -> new Note(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
                .list();
        List<Event> events = jdbc.sql("""
                SELECT occurred_at, kind, on_date, reason, assignee, previous, how, actor FROM casework_case_event
                WHERE case_id = ? ORDER BY occurred_at DESC, id DESC""")
                .param(id)
                .query((rs, n) -> new Event(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8)))
                .list();
        return new Detail(ref, person, shown, details, state, contacts, occupations, plan, notes, events,
                revisions(id));
    }

    public List<Revision> revisions(long caseId) {
        return jdbc.sql("""
                SELECT revision, created_by, created_at FROM casework_plan_revision WHERE case_id = ?
                ORDER BY revision DESC""")
                .param(caseId)
                .query((rs, n) -> new Revision(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** One revision of the plan, read back from its snapshot. */
    public Optional<RevisionSnapshot> revision(long caseId, int revision) {
        return jdbc.sql("""
                SELECT revision, created_by, created_at, plan ->> 'goal' FROM casework_plan_revision
                WHERE case_id = ? AND revision = ?""")
                .params(caseId, revision)
                .query((rs, n) -> new RevisionSnapshot(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), snapshotMeasures(caseId, revision)))
                .optional();
    }

    private List<Measure> snapshotMeasures(long caseId, int revision) {
        return jdbc.sql("""
                SELECT m.id, m.type, m.category, m.responsible, m."responsibleActor", m.status, m."offeredOn",
                       m."decidedOn", m.starts, m.ends, m."endReason", m."followUp", m.note
                FROM casework_plan_revision r,
                     jsonb_to_recordset(r.plan -> 'measures') AS m(id bigint, type text, category text, responsible text,
                         "responsibleActor" text, status text, "offeredOn" date, "decidedOn" date, starts date, ends date,
                         "endReason" text, "followUp" date, note text)
                WHERE r.case_id = ? AND r.revision = ?""")
                .params(caseId, revision)
                .query((rs, n) -> new Measure(rs.getLong(1), 0, rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class),
                        rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class),
                        rs.getObject(10, LocalDate.class), rs.getString(11), rs.getObject(12, LocalDate.class),
                        rs.getString(13), null))
                .list();
    }
}
