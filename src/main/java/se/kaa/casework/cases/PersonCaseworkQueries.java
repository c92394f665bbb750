package se.kaa.casework.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.casework.PersonCasework.Code;
import se.kaa.casework.PersonCasework;
import se.kaa.casework.PersonCaseworkLookup;
import se.kaa.person.PersonDirectory;
import se.kaa.person.PersonSummary;
import se.kaa.platform.Installation;
import se.kaa.security.CurrentAccess;
import se.kaa.shared.MunicipalityCode;

/**
 * {@link PersonCaseworkLookup} from casework's tables, labelled with the same Swedish texts the case
 * page uses. A label that is missing fails loudly ({@code NoSuchMessageException}) rather than showing
 * a code to the young person; {@code PersonCaseworkLabelsTest} checks every code has one.
 */
@Component
class PersonCaseworkQueries implements PersonCaseworkLookup {

    static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final JdbcClient jdbc;
    private final PersonDirectory persons;
    private final CurrentAccess access;
    private final Installation installation;
    private final MessageSource messages;

    PersonCaseworkQueries(JdbcClient jdbc, PersonDirectory persons, CurrentAccess access, Installation installation,
                          MessageSource messages) {
        this.jdbc = jdbc;
        this.persons = persons;
        this.access = access;
        this.installation = installation;
        this.messages = messages;
    }

    @Override
    @Transactional(readOnly = true)
    public PersonCasework of(UUID personId, Collection<MunicipalityCode> municipalities) {
        if (municipalities.isEmpty()) {
            return new PersonCasework(List.of());
        }
        boolean withheld = persons.summary(personId).map(PersonSummary::protectedIdentity).orElse(false)
                && !access.scope().maySeeProtectedAddress();
        String[] codes = municipalities.stream().map(MunicipalityCode::value).toArray(String[]::new);
        record Row(long id, String municipality, String status, LocalDate entered, String reason, LocalDate closedOn,
                   String exitReason, boolean assigned) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT id, municipality, status, entered, reason, closed_on, exit_reason, assignee IS NOT NULL
                FROM casework_case WHERE person_id = ? AND municipality = ANY (?) ORDER BY created_at, id""")
                .params(personId, codes)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2).trim(), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getObject(6, LocalDate.class),
                        rs.getString(7), rs.getBoolean(8)))
                .list();
        List<PersonCasework.Case> cases = new ArrayList<>();
        for (Row r : rows) {
            Code exitReason = r.exitReason() == null ? null : code("exitReason.", r.exitReason());
            Code status = "OPEN".equals(r.status()) ? code("caserecords.status.", "OPEN")
                    : new Code("CLOSED", text("caserecords.status.CLOSED", r.closedOn(),
                            exitReason == null ? text("caserecords.noExitReason") : exitReason.text()));
            cases.add(new PersonCasework.Case(r.id(), r.municipality(), municipalityName(r.municipality()), status,
                    r.entered(), code("reason.", r.reason()), r.closedOn(), exitReason, r.assigned(), events(r.id()),
                    withheld, withheld ? null : contactDetails(r.id()), contactAttempts(r.id()), occupations(r.id()),
                    plan(r.id()), measures(r.id()), revisions(r.id()), notes(r.id()), letters(r.id()),
                    messages(r.id(), withheld), handovers(r.id())));
        }
        return new PersonCasework(cases);
    }

    private List<PersonCasework.Event> events(long caseId) {
        return jdbc.sql("""
                SELECT occurred_at, kind, on_date, reason, assignee FROM casework_case_event WHERE case_id = ?
                ORDER BY occurred_at, id""")
                .param(caseId)
                .query((rs, n) -> {
                    String kind = rs.getString(2);
                    String reason = rs.getString(4);
                    String text = switch (kind) {
                        case "OPENED", "REOPENED" -> reason == null ? null : code("reason.", reason).text();
                        case "CLOSED" -> reason == null ? text("caserecords.noExitReason") : code("exitReason.", reason).text();
                        case "ASSIGNED" -> text(rs.getString(5) == null ? "caserecords.extract.unassigned"
                                : "caserecords.extract.assigned");
                        case "HANDOVER" -> reason == null ? text("caserecords.extract.handoverToUnknown")
                                : text("caserecords.extract.handoverTo", municipalityName(reason.trim()));
                        default -> null;
                    };
                    return new PersonCasework.Event(instant(rs, 1), code("caserecords.event.", kind),
                            rs.getObject(3, LocalDate.class), text);
                })
                .list();
    }

    private PersonCasework.ContactDetails contactDetails(long caseId) {
        return jdbc.sql("SELECT phone, email, updated_at FROM casework_contact_details WHERE case_id = ?")
                .param(caseId)
                .query((rs, n) -> new PersonCasework.ContactDetails(rs.getString(1), rs.getString(2), instant(rs, 3)))
                .optional().orElse(null);
    }

    private List<PersonCasework.ContactAttempt> contactAttempts(long caseId) {
        return jdbc.sql("""
                SELECT attempted_at, channel, outcome, note, next_attempt_due, struck_at, struck_reason
                FROM casework_contact_attempt
                WHERE case_id = ? ORDER BY attempted_at, id""")
                .param(caseId)
                .query((rs, n) -> new PersonCasework.ContactAttempt(instant(rs, 1),
                        code("caserecords.channel.", rs.getString(2)), code("caserecords.outcome.", rs.getString(3)),
                        rs.getString(4), rs.getObject(5, LocalDate.class), instant(rs, 6), rs.getString(7)))
                .list();
    }

    private List<PersonCasework.Occupation> occupations(long caseId) {
        return jdbc.sql("""
                SELECT type, source, started, ended, verified_on, note FROM casework_occupation WHERE case_id = ?
                ORDER BY verified_on, id""")
                .param(caseId)
                .query((rs, n) -> new PersonCasework.Occupation(code("caserecords.occupation.", rs.getString(1)),
                        code("caserecords.source.", rs.getString(2)), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getString(6)))
                .list();
    }

    private PersonCasework.Plan plan(long caseId) {
        return jdbc.sql("SELECT goal, revision, updated_at FROM casework_plan WHERE case_id = ?")
                .param(caseId)
                .query((rs, n) -> new PersonCasework.Plan(rs.getString(1), rs.getInt(2), instant(rs, 3)))
                .optional().orElse(null);
    }

    private List<PersonCasework.Measure> measures(long caseId) {
        return jdbc.sql("""
                SELECT t.name, t.reporting_category, m.responsible, m.responsible_actor, m.status, m.offered_on,
                       m.decided_on, m.starts, m.ends, m.end_reason, m.follow_up, m.note
                FROM casework_measure m JOIN casework_measure_type t ON t.id = m.measure_type_id
                WHERE m.case_id = ? ORDER BY m.offered_on, m.id""")
                .param(caseId)
                .query((rs, n) -> new PersonCasework.Measure(rs.getString(1),
                        code("caserecords.category.", rs.getString(2)), code("caserecords.responsible.", rs.getString(3)),
                        rs.getString(4), code("caserecords.measureStatus.", rs.getString(5)),
                        rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class),
                        rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class), rs.getString(10),
                        rs.getObject(11, LocalDate.class), rs.getString(12)))
                .list();
    }

    private List<PersonCasework.PlanRevision> revisions(long caseId) {
        return jdbc.sql("""
                SELECT r.revision, r.created_at, r.plan ->> 'goal',
                       COALESCE((SELECT array_agg((m ->> 'type') || ' (' || (m ->> 'status') || ')' ORDER BY ord)
                                 FROM jsonb_array_elements(r.plan -> 'measures') WITH ORDINALITY AS e(m, ord)), '{}')
                FROM casework_plan_revision r WHERE r.case_id = ? ORDER BY r.revision""")
                .param(caseId)
                .query((rs, n) -> new PersonCasework.PlanRevision(rs.getInt(1), instant(rs, 2), rs.getString(3),
                        revisionMeasures((String[]) rs.getArray(4).getArray())))
                .list();
    }

    /** "Praktik (OFFERED)" as stored in the snapshot, with the status in Swedish. */
    private List<String> revisionMeasures(String[] measures) {
        List<String> out = new ArrayList<>();
        for (String m : measures) {
            int open = m.lastIndexOf(" (");
            String status = m.substring(open + 2, m.length() - 1);
            out.add(m.substring(0, open) + " (" + code("caserecords.measureStatus.", status).text().toLowerCase(SWEDISH)
                    + ")");
        }
        return out;
    }

    private List<PersonCasework.Note> notes(long caseId) {
        return jdbc.sql("SELECT written_at, text FROM casework_note WHERE case_id = ? ORDER BY written_at, id")
                .param(caseId)
                .query((rs, n) -> new PersonCasework.Note(instant(rs, 1), rs.getString(2)))
                .list();
    }

    private List<PersonCasework.Letter> letters(long caseId) {
        return jdbc.sql("SELECT kind, generated_at, sent_at FROM casework_letter WHERE case_id = ? ORDER BY generated_at, id")
                .param(caseId)
                .query((rs, n) -> new PersonCasework.Letter(code("letters.kind.", rs.getString(1)), instant(rs, 2),
                        instant(rs, 3)))
                .list();
    }

    private List<PersonCasework.Message> messages(long caseId, boolean withheld) {
        return jdbc.sql("""
                SELECT channel, recipient, subject, body, status, created_at, sent_at FROM casework_outbox
                WHERE case_id = ? ORDER BY created_at, id""")
                .param(caseId)
                .query((rs, n) -> new PersonCasework.Message(code("letters.channel.", rs.getString(1)),
                        withheld ? null : rs.getString(2), rs.getString(3), rs.getString(4),
                        code("letters.status.", rs.getString(5)), instant(rs, 6), instant(rs, 7)))
                .list();
    }

    private List<PersonCasework.Handover> handovers(long caseId) {
        return jdbc.sql("""
                SELECT closed_on, new_municipality, produced_at,
                       package -> 'person' IS NOT NULL AND jsonb_typeof(package -> 'person') = 'object',
                       package #>> '{person,address}' IS NOT NULL,
                       jsonb_typeof(package -> 'contactDetails') = 'object',
                       COALESCE(jsonb_array_length(CASE WHEN jsonb_typeof(package -> 'occupations') = 'array'
                                                        THEN package -> 'occupations' END), 0),
                       COALESCE(jsonb_array_length(CASE WHEN jsonb_typeof(package -> 'measures') = 'array'
                                                        THEN package -> 'measures' END), 0)
                FROM casework_handover WHERE case_id = ? ORDER BY closed_on, id""")
                .param(caseId)
                .query((rs, n) -> {
                    List<String> passedOn = new ArrayList<>();
                    if (rs.getBoolean(4)) {
                        passedOn.add(text("caserecords.extract.passedOn.person"));
                    }
                    if (rs.getBoolean(5)) {
                        passedOn.add(text("caserecords.extract.passedOn.address"));
                    }
                    if (rs.getBoolean(6)) {
                        passedOn.add(text("caserecords.extract.passedOn.contactDetails"));
                    }
                    if (rs.getInt(7) > 0) {
                        passedOn.add(text("caserecords.extract.passedOn.occupations", rs.getInt(7)));
                    }
                    if (rs.getInt(8) > 0) {
                        passedOn.add(text("caserecords.extract.passedOn.measures", rs.getInt(8)));
                    }
                    String to = rs.getString(2) == null ? null : rs.getString(2).trim();
                    return new PersonCasework.Handover(rs.getObject(1, LocalDate.class), to,
                            to == null ? null : municipalityName(to), instant(rs, 3), passedOn);
                })
                .list();
    }

    private Code code(String prefix, String code) {
        return new Code(code, messages.getMessage(prefix + code, null, SWEDISH));
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, SWEDISH);
    }

    private String municipalityName(String code) {
        try {
            return installation.label(MunicipalityCode.of(code));
        } catch (RuntimeException notAMunicipality) {
            return code;
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
