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
import org.springframework.jdbc.support.SqlArrayValue;
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
        // A hundred packages at a time, each step one statement for all of them: a snapshot that moves
        // thousands out read and wrote each package alone, in a transaction of its own (8,220 packages
        // took 20 s in the import benchmark's re-import; 8.7 s with a hundred to a transaction).
        long start = System.nanoTime();
        for (int from = 0; from < movedOut.size(); from += HANDOVERS_PER_TRANSACTION) {
            List<Long> part = movedOut.subList(from, Math.min(movedOut.size(), from + HANDOVERS_PER_TRANSACTION));
            produce(part);
        }
        if (!movedOut.isEmpty()) {
            log.info("Handover packages for {} cases closed as moved out ({} ms)", movedOut.size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static final int HANDOVERS_PER_TRANSACTION = 100;

    /**
     * Produces (once per closing day) and keeps the packages of these cases that closed as moved out,
     * in a transaction of their own; a case not closed as moved out is skipped, and a case whose package
     * of that closing day exists keeps it.
     */
    private void produce(List<Long> caseIds) {
        transactions.executeWithoutResult(status -> {
            SqlArrayValue ids = new SqlArrayValue("bigint", caseIds.toArray());
            List<Map<String, Object>> cases = jdbc.sql("""
                    SELECT c.id, c.person_id, c.municipality, c.closed_on, p.pnr, p.given_name, p.family_name,
                           p.address, p.postal_code, p.city, p.protected_identity
                    FROM casework_case c JOIN person p ON p.id = c.person_id
                    WHERE c.id = ANY (:ids) AND c.status = 'CLOSED' AND c.exit_reason = :movedOut
                    ORDER BY c.id""").param("ids", ids).param("movedOut", MOVED_OUT).query().listOfRows();
            if (cases.isEmpty()) {
                return;
            }
            // where she is registered now: her latest row elsewhere
            Map<Long, String> newMunicipality = new java.util.HashMap<>();
            jdbc.sql("""
                    SELECT DISTINCT ON (c.id) c.id, r.municipality FROM casework_case c
                    JOIN population_record r ON r.person_id = c.person_id AND r.municipality <> c.municipality
                         AND r.status = 'NORMAL'
                    WHERE c.id = ANY (:ids) ORDER BY c.id, r.as_of DESC, r.id DESC""").param("ids", ids)
                    .query(rs -> {
                        newMunicipality.put(rs.getLong(1), rs.getString(2).trim());
                    });
            Map<Long, ContactDetails> contacts = new java.util.HashMap<>();
            jdbc.sql("SELECT case_id, phone, email FROM casework_contact_details WHERE case_id = ANY (:ids)")
                    .param("ids", ids)
                    .query(rs -> {
                        contacts.put(rs.getLong(1), new ContactDetails(rs.getString(2), rs.getString(3)));
                    });
            Map<Long, List<Occupation>> occupations = new java.util.HashMap<>();
            jdbc.sql("""
                    SELECT case_id, type, source, started, ended, verified_on FROM casework_occupation
                    WHERE case_id = ANY (:ids) ORDER BY case_id, verified_on, id""").param("ids", ids)
                    .query(rs -> {
                        occupations.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                                .add(new Occupation(rs.getString(2), rs.getString(3), date(rs.getDate(4)),
                                        date(rs.getDate(5)), date(rs.getDate(6))));
                    });
            Map<Long, List<Measure>> measures = new java.util.HashMap<>();
            jdbc.sql("""
                    SELECT m.case_id, t.name, t.reporting_category, m.responsible, m.responsible_actor, m.status,
                           m.offered_on, m.decided_on, m.starts, m.ends, m.end_reason, m.follow_up
                    FROM casework_measure m JOIN casework_measure_type t ON t.id = m.measure_type_id
                    WHERE m.case_id = ANY (:ids) ORDER BY m.case_id, m.offered_on, m.id""").param("ids", ids)
                    .query(rs -> {
                        measures.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                                .add(new Measure(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                        rs.getString(6), date(rs.getDate(7)), date(rs.getDate(8)), date(rs.getDate(9)),
                                        date(rs.getDate(10)), rs.getString(11), date(rs.getDate(12))));
                    });
            Instant now = clock.instant();
            Map<Long, Handover> built = new java.util.LinkedHashMap<>();
            Map<Long, UUID> personOf = new java.util.HashMap<>();
            for (Map<String, Object> c : cases) {
                long caseId = ((Number) c.get("id")).longValue();
                String from = ((String) c.get("municipality")).trim();
                boolean protectedIdentity = (Boolean) c.get("protected_identity");
                String to = newMunicipality.get(caseId);
                Person person = new Person((String) c.get("pnr"), (String) c.get("given_name"),
                        (String) c.get("family_name"), protectedIdentity ? null : (String) c.get("address"),
                        protectedIdentity ? null : (String) c.get("postal_code"),
                        protectedIdentity ? null : (String) c.get("city"), protectedIdentity);
                built.put(caseId, new Handover(caseId, from, installation.label(MunicipalityCode.of(from)), to,
                        to == null ? null : label(to), ((java.sql.Date) c.get("closed_on")).toLocalDate(), now, person,
                        protectedIdentity ? null : contacts.get(caseId), occupations.getOrDefault(caseId, List.of()),
                        measures.getOrDefault(caseId, List.of())));
                personOf.put(caseId, (UUID) c.get("person_id"));
            }
            Long[] caseColumn = built.keySet().toArray(Long[]::new);
            java.sql.Date[] closedColumn = built.values().stream().map(h -> java.sql.Date.valueOf(h.closedOn()))
                    .toArray(java.sql.Date[]::new);
            String[] toColumn = built.values().stream().map(Handover::newMunicipality).toArray(String[]::new);
            String[] packageColumn = built.values().stream().map(json::writeValueAsString).toArray(String[]::new);
            // the packages, and an event on each case whose package is new (one statement)
            List<Long> inserted = jdbc.sql("""
                    WITH produced AS (
                        INSERT INTO casework_handover (case_id, closed_on, new_municipality, package, produced_at)
                        SELECT c, d, m, CAST(p AS jsonb), :now
                        FROM unnest(CAST(:cases AS bigint[]), CAST(:closed AS date[]), CAST(:to AS text[]),
                                    CAST(:packages AS text[])) AS t (c, d, m, p)
                        ON CONFLICT (case_id, closed_on) DO NOTHING
                        RETURNING case_id, closed_on, new_municipality),
                    events AS (
                        INSERT INTO casework_case_event (case_id, occurred_at, kind, on_date, reason, actor)
                        SELECT case_id, :now, 'HANDOVER', closed_on, new_municipality, :actor FROM produced)
                    SELECT case_id FROM produced ORDER BY case_id""")
                    .param("now", Timestamp.from(now))
                    .param("cases", new SqlArrayValue("bigint", (Object[]) caseColumn))
                    .param("closed", new SqlArrayValue("date", (Object[]) closedColumn))
                    .param("to", new SqlArrayValue("text", (Object[]) toColumn))
                    .param("packages", new SqlArrayValue("text", (Object[]) packageColumn))
                    .param("actor", CaseLifecycle.SYSTEM_ACTOR)
                    .query(Long.class).list();
            for (long caseId : inserted) {
                Handover h = built.get(caseId);
                audit.record(AuditEvent.write("HANDOVER_PRODUCED", MunicipalityCode.of(h.fromMunicipality()),
                        List.of(personOf.get(caseId)), "case " + caseId + " moved out"
                                + (h.newMunicipality() == null ? "" : " to " + h.newMunicipality())));
            }
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
