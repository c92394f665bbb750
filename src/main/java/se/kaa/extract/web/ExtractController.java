package se.kaa.extract.web;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.extract.RegisterExtract;
import se.kaa.extract.RegisterExtracts;
import se.kaa.extract.internal.ExtractPdf;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonId;

/**
 * A person's register extract as JSON (API) and as a Swedish PDF (from her page). Both are
 * problem details when she is unknown. Each extract is an audited read of everything about her.
 */
@RestController
class ExtractController {

    private final RegisterExtracts extracts;
    private final ExtractPdf pdf;
    private final ObjectProvider<AuditLog> audit;

    ExtractController(RegisterExtracts extracts, ExtractPdf pdf, ObjectProvider<AuditLog> audit) {
        this.extracts = extracts;
        this.pdf = pdf;
        this.audit = audit;
    }

    @GetMapping("/api/v1/persons/{personId}/extract")
    RegisterExtract json(@PathVariable PersonId personId) {
        RegisterExtract extract = extracts.extract(personId.value());
        audited(extract, "GET /api/v1/persons/{id}/extract");
        return extract;
    }

    @GetMapping("/personer/{personId}/registerutdrag.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable PersonId personId) {
        RegisterExtract extract = extracts.extract(personId.value());
        byte[] body = pdf.render(extract);
        audited(extract, "GET /personer/{id}/registerutdrag.pdf");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename("registerutdrag.pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    private void audited(RegisterExtract extract, String context) {
        String municipality = extract.explanation() == null ? null : extract.explanation().municipality();
        RegisterExtract.Identity identity = extract.identity();
        String shown = identity.protectedIdentity() && !identity.addressWithheld() && identity.address() != null
                ? context + " (protected address shown)" : context;
        audit.ifAvailable(log -> log.record(AuditEvent.read("PERSON_EXTRACT", municipality == null ? null
                : MunicipalityCode.of(municipality), List.of(identity.personId()), shown)));
    }

}
