package se.kaa.audit.web;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import se.kaa.audit.AuditEntry;
import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.audit.AuditTrail;

/** The audit log for a granskare: search, CSV export and verification of the chain. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditApiController {

    record EntryJson(long id, Instant occurredAt, String actor, String actorType, String municipality, String action,
                     String kind, int personCount, List<UUID> personIds, String context, boolean protectedIdentity,
                     String prevHash, String hash, Long batchId) {
        static EntryJson of(AuditEntry e) {
            return new EntryJson(e.id(), e.occurredAt(), e.actor(), e.actorType(), e.municipality(), e.action(),
                    e.kind().name(), e.personIds().size(), e.personIds(), e.context(), e.protectedIdentity(),
                    e.prevHash(), e.hash(), e.batchId());
        }
    }

    record EntriesJson(int count, boolean truncated, List<EntryJson> entries) {
    }

    record VerificationJson(long entries, boolean valid, Long firstBrokenId, String lastHash,
                            java.util.Map<Integer, String> heads) {
    }

    private final AuditTrail trail;
    private final AuditLog log;

    AuditApiController(AuditTrail trail, AuditLog log) {
        this.trail = trail;
        this.log = log;
    }

    @GetMapping("/entries")
    EntriesJson entries(@RequestParam(required = false) String personId, @RequestParam(required = false) String user,
                        @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        List<AuditEntry> found = search(personId, user, from, to, "GET /api/v1/audit/entries");
        return new EntriesJson(found.size(), found.size() >= AuditTrail.MAX_RESULTS,
                found.stream().map(EntryJson::of).toList());
    }

    @GetMapping(path = "/entries.csv", produces = "text/csv")
    ResponseEntity<StreamingResponseBody> csv(@RequestParam(required = false) String personId,
                                              @RequestParam(required = false) String user,
                                              @RequestParam(required = false) String from,
                                              @RequestParam(required = false) String to) {
        List<AuditEntry> found = search(personId, user, from, to, "GET /api/v1/audit/entries.csv");
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"granskningslogg.csv\"")
                .body(out -> AuditQueries.writeCsv(found, new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    @GetMapping("/verify")
    VerificationJson verify() {
        AuditTrail.Verification v = trail.verify();
        return new VerificationJson(v.entries(), v.valid(), v.firstBrokenId(), v.lastHash(), v.heads());
    }

    private List<AuditEntry> search(String personId, String user, String from, String to, String channel) {
        AuditQueries q = new AuditQueries();
        UUID id = q.uuid("personId", personId);
        LocalDate f = q.date("from", from);
        LocalDate t = q.date("to", to);
        q.check();
        // Reading the audit log is itself a read of personal data.
        log.record(AuditEvent.read("AUDIT_SEARCHED", null, id == null ? List.of() : List.of(id),
                AuditQueries.describe(channel, id, user, f, t)));
        return trail.search(new AuditTrail.Query(id, user, f, t));
    }
}
