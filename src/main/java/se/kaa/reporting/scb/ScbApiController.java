package se.kaa.reporting.scb;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.platform.ProblemException;
import se.kaa.reporting.scb.ScbExports.Export;
import se.kaa.reporting.scb.ScbReturns.Built;
import se.kaa.reporting.scb.ScbSpecs.StoredSpec;
import se.kaa.security.AccessScope;
import se.kaa.security.Granted;
import se.kaa.security.Role;
import se.kaa.shared.HalfYear;
import se.kaa.shared.MunicipalityCode;

/**
 * The SCB half-year return over the API (docs/reporting.md): the return as it would be exported now
 * with its problems, its stored exports (files, diff), the period's lock, and the specs.
 */
@RestController
class ScbApiController {

    static final String BASE = "/api/v1/reports/scb";
    static final String PLAIN = "[^\\p{Cntrl}]*";

    record SpecJson(long id, String specId, String version, boolean provisional, String title, String appliesFrom,
                    String appliesTo, boolean shipped, String sha256, String uploadedBy, String uploadedAt) {
        static SpecJson of(StoredSpec s) {
            return new SpecJson(s.id(), s.spec().id(), s.spec().version(), s.spec().provisional(), s.spec().title(),
                    String.valueOf(s.spec().appliesFrom()), s.spec().appliesTo() == null ? null : s.spec().appliesTo().toString(),
                    s.shipped(), s.sha256(), s.uploadedBy(), s.uploadedAt().toString());
        }
    }

    record ProblemJson(String personnummer, Long caseId, String column, String kind, String message, String severity) {
    }

    record ReturnJson(String municipality, String period, SpecJson spec, boolean provisional, boolean locked,
                      List<Map<String, String>> records, List<ProblemJson> problems, long errors, long warnings,
                      Map<String, Long> problemsByKind, int otherMeasures) {
    }

    record ExportJson(int version, String spec, boolean provisional, String sha256, int records, int errors, int warnings,
                      String overrideReason, String createdBy, String createdAt, String xlsx, String text) {
    }

    /** An export: {@code overrideReason} only when the return has errors and a manager sends it anyway. */
    record ExportRequest(@Size(max = 1000) @Pattern(regexp = PLAIN, message = "input.control") String overrideReason) {
    }

    record ReopenRequest(@NotBlank @Size(max = 1000) @Pattern(regexp = PLAIN, message = "input.control") String reason) {
    }

    private final ScbReturns returns;
    private final ScbExports exports;
    private final ScbSpecs specs;
    private final AuditLog audit;

    ScbApiController(ScbReturns returns, ScbExports exports, ScbSpecs specs, AuditLog audit) {
        this.returns = returns;
        this.exports = exports;
        this.specs = specs;
        this.audit = audit;
    }

    @GetMapping(BASE + "/{municipality}/{period}")
    ReturnJson get(@Granted(exactly = true) MunicipalityCode municipality, @PathVariable HalfYear period) {
        Built built = returns.build(municipality, period);
        audit.record(AuditEvent.read("SCB_RETURN_READ", municipality, built.lines().stream().map(ScbReturns.Line::personId).toList(),
                "GET " + BASE + "/" + municipality.value() + "/" + period));
        List<Map<String, String>> records = new ArrayList<>();
        for (ScbReturns.Line l : built.lines()) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("personnummer", l.pin().value());
            r.putAll(l.values());
            records.add(r);
        }
        return new ReturnJson(municipality.value(), period.toString(), SpecJson.of(built.spec()), built.spec().spec().provisional(),
                exports.state(municipality, period).locked(), records,
                built.problems().stream().map(p -> new ProblemJson(p.pin().value(), p.caseId(), p.column(), p.kind(), p.message(),
                        p.severity().name())).toList(), built.errors(), built.warnings(), built.countsByKind(),
                built.otherMeasures());
    }

    @PostMapping(BASE + "/{municipality}/{period}/exports")
    ResponseEntity<ExportJson> export(@Granted(exactly = true) MunicipalityCode municipality, @PathVariable HalfYear period,
                                      @Valid @RequestBody(required = false) ExportRequest request, AccessScope scope) {
        String reason = request == null ? null : request.overrideReason();
        if (reason != null && !reason.isBlank() && !scope.has(Role.ENHETSCHEF)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "reporting.problem.overrideManager",
                    "Only a manager exports a return with errors");
        }
        Built built = returns.build(municipality, period);
        Export e = exports.export(built, reason, scope.username());
        audit.record(AuditEvent.read("SCB_RETURN_EXPORTED", municipality, built.lines().stream().map(ScbReturns.Line::personId).toList(),
                "POST " + BASE + "/" + municipality.value() + "/" + period + "/exports version=" + e.version()));
        return ResponseEntity.created(URI.create(path(municipality, period) + "/exports/" + e.version()))
                .body(json(municipality, period, e));
    }

    @GetMapping(BASE + "/{municipality}/{period}/exports")
    List<ExportJson> exports(@Granted(exactly = true) MunicipalityCode municipality, @PathVariable HalfYear period) {
        return exports.list(municipality, period).stream().map(e -> json(municipality, period, e)).toList();
    }

    /** The stored file: xlsx, or {@code ?format=text} the delimited text file. */
    @GetMapping(BASE + "/{municipality}/{period}/exports/{version}")
    ResponseEntity<byte[]> file(@Granted(exactly = true) MunicipalityCode municipality, @PathVariable HalfYear period,
                                @PathVariable int version, @RequestParam(required = false) Format format) {
        return download(exports, specs, audit, municipality, period, version, format != Format.text);
    }

    enum Format { xlsx, text }

    static ResponseEntity<byte[]> download(ScbExports exports, ScbSpecs specs, AuditLog audit, MunicipalityCode m,
                                           HalfYear period, int version, boolean xlsx) {
        Export e = exports.get(m, period, version).orElseThrow(() -> ProblemException.notFound("Export"));
        byte[] file = exports.file(m, period, version, xlsx).orElseThrow(() -> ProblemException.notFound("Export"));
        StoredSpec spec = specs.byId(e.specRowId()).orElseThrow();
        audit.record(AuditEvent.read("SCB_EXPORT_READ", m,
                exports.personIds(m, period, version), "export " + period + " version " + version + (xlsx ? " xlsx" : " text")));
        String name = se.kaa.reporting.spec.SpecWriter.fileName(spec.spec(), m.value(), period.toString(), version,
                xlsx ? "xlsx" : "txt");
        MediaType type = xlsx ? MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                : new MediaType("text", "plain", spec.spec().output().charset());
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(file);
    }

    @GetMapping(BASE + "/{municipality}/{period}/exports/{version}/diff/{other}")
    ScbExports.Diff diff(@Granted(exactly = true) MunicipalityCode municipality, @PathVariable HalfYear period,
                         @PathVariable int version, @PathVariable int other) {
        exports.get(municipality, period, version).orElseThrow(() -> ProblemException.notFound("Export"));
        exports.get(municipality, period, other).orElseThrow(() -> ProblemException.notFound("Export"));
        ScbExports.Diff diff = exports.diff(municipality, period, version, other);
        audit.record(AuditEvent.read("SCB_EXPORT_READ", municipality, exports.personIds(municipality, period, version),
                "diff " + period + " version " + version + " against " + other));
        return diff;
    }

    @PostMapping(BASE + "/{municipality}/{period}/lock")
    ResponseEntity<Void> lock(@Granted(exactly = true) MunicipalityCode municipality, @PathVariable HalfYear period,
                              AccessScope scope) {
        exports.lock(municipality, period, scope.username());
        return ResponseEntity.noContent().build();
    }

    @PostMapping(BASE + "/{municipality}/{period}/reopen")
    ResponseEntity<Void> reopen(@Granted(exactly = true) MunicipalityCode municipality, @PathVariable HalfYear period,
                                @Valid @RequestBody ReopenRequest request, AccessScope scope) {
        exports.reopen(municipality, period, request.reason(), scope.username());
        return ResponseEntity.noContent().build();
    }

    @GetMapping(BASE + "/specs")
    List<SpecJson> specs() {
        return specs.all().stream().map(SpecJson::of).toList();
    }

    /** A new spec (multipart {@code file}): {@code 201}, or {@code 400} naming every problem with its line. */
    @PostMapping(BASE + "/specs")
    ResponseEntity<SpecJson> upload(@RequestParam("file") MultipartFile file, AccessScope scope) throws java.io.IOException {
        StoredSpec s = specs.upload(file.getBytes(), scope.username());
        return ResponseEntity.created(URI.create(BASE + "/specs/" + s.id())).body(SpecJson.of(s));
    }

    private static String path(MunicipalityCode m, HalfYear period) {
        return BASE + "/" + m.value() + "/" + period;
    }

    private static ExportJson json(MunicipalityCode m, HalfYear period, Export e) {
        String file = path(m, period) + "/exports/" + e.version();
        return new ExportJson(e.version(), e.specId() + " " + e.specVersion(), e.provisional(), e.sha256(), e.records(),
                e.errors(), e.warnings(), e.overrideReason(), e.createdBy(), e.createdAt().toString(), file, file + "?format=text");
    }
}
