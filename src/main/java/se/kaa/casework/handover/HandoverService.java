package se.kaa.casework.handover;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.databind.ObjectMapper;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.CaseClosed;
import se.kaa.casework.letters.LetterService;
import se.kaa.casework.lifecycle.CaseLifecycle;
import se.kaa.platform.AccessiblePdf;
import se.kaa.platform.Installation;
import se.kaa.shared.MunicipalityCode;

/**
 * The handover package for the new hemkommun, produced when a case closes because she moved out
 * (exit reason {@code UTFLYTTAD}). It holds only what förordning (2006:39) om register och
 * dokumentation vid fullgörandet av kommunernas aktivitetsansvar för ungdomar lets pass on: name, personnummer, address and contact details (both left out for a
 * protected identity), occupation history and the measures with their dates – no notes. It is kept on
 * the case as it was on that day (JSON), the PDF is rendered from it, and its production is logged on
 * the case and in the audit log.
 */
@Component
public class HandoverService {

    private static final Logger log = LoggerFactory.getLogger(HandoverService.class);
    public static final String MOVED_OUT = "UTFLYTTAD";

    public record Handover(long caseId, String fromMunicipality, String fromMunicipalityName, String newMunicipality,
                           String newMunicipalityName, LocalDate closedOn, Instant producedAt, Person person,
                           ContactDetails contactDetails, List<Occupation> occupations, List<Measure> measures) {
    }

    /** Address is null (and {@code protectedIdentity} true) when it may not be passed on. */
    public record Person(String personnummer, String givenName, String familyName, String address, String postalCode,
                         String city, boolean protectedIdentity) {
    }

    public record ContactDetails(String phone, String email) {
    }

    public record Occupation(String type, String source, LocalDate started, LocalDate ended, LocalDate verifiedOn) {
    }

    public record Measure(String name, String reportingCategory, String responsible, String responsibleActor,
                          String status, LocalDate offeredOn, LocalDate decidedOn, LocalDate starts, LocalDate ends,
                          String endReason, LocalDate followUp) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final Installation installation;
    private final ITemplateEngine engine;
    private final AccessiblePdf pdf;
    private final Clock clock;

    HandoverService(JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json, AuditLog audit,
                    Installation installation, ITemplateEngine engine, AccessiblePdf pdf, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.audit = audit;
        this.installation = installation;
        this.engine = engine;
        this.pdf = pdf;
        this.clock = clock;
    }

    /**
     * After the commit of the closing, in a transaction of its own; recorded with the closing, so a
     * failure or a crash leaves it to be resubmitted (producing is idempotent per closing day).
     */
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void on(se.kaa.casework.CasesClosed event) {
        List<Long> movedOut = event.cases().stream().filter(c -> MOVED_OUT.equals(c.exitReason()))
                .map(CaseClosed::caseId).toList();
        // Up to a hundred packages a transaction: a snapshot that moves thousands out committed each
        // package alone (8,220 of them took 20 s, the import benchmark's re-import).
        long start = System.nanoTime();
        for (int from = 0; from < movedOut.size(); from += HANDOVERS_PER_TRANSACTION) {
            List<Long> part = movedOut.subList(from, Math.min(movedOut.size(), from + HANDOVERS_PER_TRANSACTION));
            transactions.executeWithoutResult(status -> part.forEach(this::produce));
        }
        if (!movedOut.isEmpty()) {
            log.info("Handover packages for {} cases closed as moved out ({} ms)", movedOut.size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static final int HANDOVERS_PER_TRANSACTION = 100;

    /** Produces (once per closing day) and keeps the package of a case that closed as moved out. */
    public Optional<Handover> produce(long caseId) {
        return transactions.execute(status -> {
            Map<String, Object> c = jdbc.sql("""
                    SELECT c.person_id, c.municipality, c.closed_on, c.exit_reason, p.pnr, p.given_name, p.family_name,
                           p.address, p.postal_code, p.city, p.protected_identity
                    FROM casework_case c JOIN person p ON p.id = c.person_id WHERE c.id = ? AND c.status = 'CLOSED'""")
                    .param(caseId).query().listOfRows().stream().findFirst().orElse(null);
            if (c == null || !MOVED_OUT.equals(c.get("exit_reason"))) {
                return Optional.<Handover>empty();
            }
            UUID personId = (UUID) c.get("person_id");
            String from = ((String) c.get("municipality")).trim();
            LocalDate closedOn = ((java.sql.Date) c.get("closed_on")).toLocalDate();
            boolean protectedIdentity = (Boolean) c.get("protected_identity");
            String to = jdbc.sql("""
                    SELECT municipality FROM population_record
                    WHERE person_id = ? AND municipality <> ? AND status = 'NORMAL' ORDER BY as_of DESC, id DESC LIMIT 1""")
                    .params(personId, from).query(String.class).optional().map(String::trim).orElse(null);
            Person person = new Person((String) c.get("pnr"), (String) c.get("given_name"), (String) c.get("family_name"),
                    protectedIdentity ? null : (String) c.get("address"), protectedIdentity ? null : (String) c.get("postal_code"),
                    protectedIdentity ? null : (String) c.get("city"), protectedIdentity);
            ContactDetails contact = protectedIdentity ? null : jdbc.sql(
                    "SELECT phone, email FROM casework_contact_details WHERE case_id = ?").param(caseId)
                    .query((rs, n) -> new ContactDetails(rs.getString(1), rs.getString(2))).optional().orElse(null);
            List<Occupation> occupations = jdbc.sql("""
                    SELECT type, source, started, ended, verified_on FROM casework_occupation WHERE case_id = ?
                    ORDER BY verified_on, id""").param(caseId)
                    .query((rs, n) -> new Occupation(rs.getString(1), rs.getString(2), date(rs.getDate(3)),
                            date(rs.getDate(4)), date(rs.getDate(5)))).list();
            List<Measure> measures = jdbc.sql("""
                    SELECT t.name, t.reporting_category, m.responsible, m.responsible_actor, m.status, m.offered_on,
                           m.decided_on, m.starts, m.ends, m.end_reason, m.follow_up
                    FROM casework_measure m JOIN casework_measure_type t ON t.id = m.measure_type_id
                    WHERE m.case_id = ? ORDER BY m.offered_on, m.id""").param(caseId)
                    .query((rs, n) -> new Measure(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), date(rs.getDate(6)), date(rs.getDate(7)), date(rs.getDate(8)),
                            date(rs.getDate(9)), rs.getString(10), date(rs.getDate(11)))).list();
            Instant now = clock.instant();
            Handover handover = new Handover(caseId, from, installation.label(MunicipalityCode.of(from)), to,
                    to == null ? null : label(to), closedOn, now, person, contact, occupations, measures);
            int inserted = jdbc.sql("""
                    INSERT INTO casework_handover (case_id, closed_on, new_municipality, package, produced_at)
                    VALUES (?, ?, ?, CAST(? AS jsonb), ?) ON CONFLICT (case_id, closed_on) DO NOTHING""")
                    .params(caseId, closedOn, to, json.writeValueAsString(handover), Timestamp.from(now)).update();
            if (inserted == 0) {
                return latest(caseId);
            }
            jdbc.sql("""
                    INSERT INTO casework_case_event (case_id, occurred_at, kind, on_date, reason, actor)
                    VALUES (?, ?, 'HANDOVER', ?, ?, ?)""")
                    .params(caseId, Timestamp.from(now), closedOn, to, CaseLifecycle.SYSTEM_ACTOR).update();
            audit.record(AuditEvent.write("HANDOVER_PRODUCED", MunicipalityCode.of(from), List.of(personId),
                    "case " + caseId + " moved out" + (to == null ? "" : " to " + to)));
            return Optional.of(handover);
        });
    }

    /** The latest package of the case, if one was produced. */
    public Optional<Handover> latest(long caseId) {
        return jdbc.sql("SELECT package::text FROM casework_handover WHERE case_id = ? ORDER BY closed_on DESC, id DESC LIMIT 1")
                .param(caseId).query(String.class).optional()
                .map(text -> json.readValue(text, Handover.class));
    }

    public byte[] pdf(Handover handover) {
        return pdf.render(engine.process("casework/handover-document",
                new Context(LetterService.SWEDISH, Map.of("h", handover))));
    }

    private String label(String code) {
        try {
            return installation.label(MunicipalityCode.of(code));
        } catch (RuntimeException e) {
            return code;
        }
    }

    private static LocalDate date(java.sql.Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
