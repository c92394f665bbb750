package se.kaa.casework.handover;

import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.cases.CaseId;
import se.kaa.platform.ProblemException;

/**
 * The handover package of a case that closed because she moved out: JSON for the new hemkommun's
 * system, PDF to send or print. {@code 404} when the case is unknown, not granted, or has none. Each
 * fetch is an audited read.
 */
@RestController
class HandoverController {

    private final CaseAccess cases;
    private final HandoverService handovers;
    private final AuditLog audit;

    HandoverController(CaseAccess cases, HandoverService handovers, AuditLog audit) {
        this.cases = cases;
        this.handovers = handovers;
        this.audit = audit;
    }

    @GetMapping("/api/v1/cases/{id}/handover")
    HandoverService.Handover json(@PathVariable CaseId id) {
        return load(id, "GET /api/v1/cases/{id}/handover");
    }

    @GetMapping("/arenden/{id}/overlamning.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable CaseId id) {
        HandoverService.Handover handover = load(id, "GET /arenden/{id}/overlamning.pdf");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("overlamning-" + handover.caseId() + ".pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(handovers.pdf(handover));
    }

    private HandoverService.Handover load(CaseId id, String context) {
        CaseAccess.CaseRef ref = cases.load(id.value());
        HandoverService.Handover handover = handovers.latest(ref.id())
                .orElseThrow(() -> ProblemException.notFound("Handover"));
        audit.record(AuditEvent.read("HANDOVER_VIEWED", ref.municipality(), List.of(ref.personId()), context));
        return handover;
    }
}
