package se.kaa.intake.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.intake.ImportKind;
import se.kaa.intake.ImportReport;
import se.kaa.intake.ImportRequest;
import se.kaa.intake.internal.BatchDecisions;
import se.kaa.intake.internal.ImportBatches;
import se.kaa.intake.internal.ImportService;
import se.kaa.platform.Installation;
import se.kaa.platform.ProblemException;
import se.kaa.platform.UploadSpool;
import se.kaa.security.CurrentAccess;

/** Uploads of the canonical CSV files; each upload is a batch with a report. */
@RestController
@RequestMapping("/api/v1/imports")
class ImportApiController {

    private final ImportService imports;
    private final ImportBatches batches;
    private final CurrentAccess access;
    private final Installation installation;
    private final AuditLog audit;
    private final BatchDecisions decisions;
    private final UploadSpool spool;

    ImportApiController(ImportService imports, ImportBatches batches, CurrentAccess access, Installation installation,
                        AuditLog audit, BatchDecisions decisions, UploadSpool spool) {
        this.decisions = decisions;
        this.access = access;
        this.installation = installation;
        this.imports = imports;
        this.batches = batches;
        this.audit = audit;
        this.spool = spool;
    }

    /**
     * 201 with the report and a Location; 202 when a folkbokföring snapshot is held for confirmation
     * (status {@code AWAITING_CONFIRMATION}: nothing of it counts until {@code POST …/confirm}); 200
     * with the earlier report when the same file was imported before; 400/413 problem details when
     * the file as a whole is refused.
     */
    @PostMapping(path = "/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportReport> upload(@PathVariable String kind, @RequestParam String municipality,
                                        @RequestParam(required = false) String asOf,
                                        @RequestPart("file") MultipartFile file, Authentication user) {
        ImportKind importKind = ImportKind.fromPath(kind).orElseThrow(() -> ProblemException.notFound("Import kind"));
        var code = Uploads.grantedMunicipality(municipality, access.scope(), installation);
        var date = Uploads.asOf(asOf);
        Path temp = Uploads.spool(file, imports, spool);
        try {
            ImportReport report = imports.importFile(new ImportRequest(
                    importKind, code, date, Uploads.fileName(file), temp, user.getName()));
            URI location = URI.create("/api/v1/imports/" + report.id());
            if (report.duplicate()) {
                return ResponseEntity.ok().header(HttpHeaders.CONTENT_LOCATION, location.toString()).body(report);
            }
            if (ImportBatches.AWAITING_CONFIRMATION.equals(report.status())) {
                return ResponseEntity.accepted().location(location).body(report);
            }
            return ResponseEntity.created(location).body(report);
        } finally {
            Uploads.delete(temp);
        }
    }

    @GetMapping("/{id}")
    ImportReport report(@PathVariable long id) {
        Uploads.grantedBatch(batches, id, access.scope()).orElseThrow(() -> ProblemException.notFound("Import batch"));
        ImportReport report = batches.report(id, false).orElseThrow(() -> ProblemException.notFound("Import batch"));
        audit.record(Uploads.batchRead(batches, id, "GET /api/v1/imports/" + id));
        return report;
    }

    /**
     * The reason of a decision on a batch, from a body {@code {"reason": "…"}}: a JSON string or
     * nothing; any other JSON (a number, an array, a body that is not an object) is refused, not
     * coerced to text.
     */
    private static String reasonOf(tools.jackson.databind.JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return null;
        }
        tools.jackson.databind.JsonNode reason = body.isObject() ? body.get("reason") : null;
        if (!body.isObject() || reason != null && !reason.isNull() && !reason.isString()) {
            throw ProblemException.invalidFields(java.util.List.of(
                    new ProblemException.FieldProblem("reason", "intake.decision.reason.text")));
        }
        return reason == null || reason.isNull() ? null : reason.asString();
    }

    /** Applies a held snapshot: 200 with the report, 409 unless it is held. */
    @PostMapping("/{id}/confirm")
    ImportReport confirm(@PathVariable long id, Authentication user) {
        granted(id);
        return decisions.confirm(id, user.getName());
    }

    /** Throws a held snapshot away: 200 with the report, 409 unless it is held. */
    @PostMapping("/{id}/discard")
    ImportReport discard(@PathVariable long id, @org.springframework.web.bind.annotation.RequestBody(required = false)
                         tools.jackson.databind.JsonNode body, Authentication user) {
        granted(id);
        return decisions.discard(id, user.getName(), Uploads.reason(reasonOf(body), false));
    }

    /**
     * Withdraws an applied batch with a reason: its facts stop counting (kept), the group is
     * recomputed and cases it closed reopen. 200 with the report, 409 unless it is applied.
     */
    @PostMapping("/{id}/withdraw")
    ImportReport withdraw(@PathVariable long id, @org.springframework.web.bind.annotation.RequestBody(required = false)
                          tools.jackson.databind.JsonNode body, Authentication user) {
        granted(id);
        return decisions.withdraw(id, user.getName(), Uploads.reason(reasonOf(body), true));
    }

    private void granted(long id) {
        Uploads.grantedBatch(batches, id, access.scope()).orElseThrow(() -> ProblemException.notFound("Import batch"));
    }

    /** The rejected rows as a file to correct and upload again (original header plus a {@code fel} column). */
    @GetMapping(path = "/{id}/rejected-rows", produces = "text/csv")
    ResponseEntity<StreamingResponseBody> rejectedRows(@PathVariable long id) {
        if (Uploads.grantedBatch(batches, id, access.scope()).isEmpty()) {
            throw ProblemException.notFound("Import batch");
        }
        audit.record(Uploads.batchRead(batches, id, "GET /api/v1/imports/" + id + "/rejected-rows"));
        return ResponseEntity.status(HttpStatus.OK)
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"avvisade-rader-" + id + ".csv\"")
                .body(out -> batches.writeRejectedCsv(id,
                        new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }
}
