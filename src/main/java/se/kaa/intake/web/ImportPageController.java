package se.kaa.intake.web;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.audit.AuditLog;
import se.kaa.intake.ImportKind;
import se.kaa.intake.ImportReport;
import se.kaa.intake.ImportRequest;
import se.kaa.intake.internal.BatchDecisions;
import se.kaa.intake.internal.ImportBatches;
import se.kaa.intake.internal.ImportService;
import se.kaa.intake.internal.IntakeMessages;
import se.kaa.platform.Installation;
import se.kaa.platform.ProblemException;
import se.kaa.platform.UploadSpool;
import se.kaa.security.CurrentAccess;
import se.kaa.shared.MunicipalityCode;

/** The upload page with the batch history, a batch's report, and the rejected rows as CSV. */
@Controller
class ImportPageController {

    static final int HISTORY = 50;
    static final int REJECTED_SHOWN = 500;

    private final ImportService imports;
    private final ImportBatches batches;
    private final Installation installation;
    private final IntakeMessages messages;
    private final CurrentAccess access;
    private final AuditLog audit;
    private final BatchDecisions decisions;
    private final UploadSpool spool;

    ImportPageController(ImportService imports, ImportBatches batches, Installation installation,
                         IntakeMessages messages, CurrentAccess access, AuditLog audit, BatchDecisions decisions,
                         UploadSpool spool) {
        this.decisions = decisions;
        this.access = access;
        this.imports = imports;
        this.batches = batches;
        this.installation = installation;
        this.messages = messages;
        this.audit = audit;
        this.spool = spool;
    }

    /**
     * The values the form was filled in with, to show them again after an error: without control
     * characters (a NUL or an escape sequence would otherwise reach the page raw, as HTML escaping
     * leaves them) and at most {@value #SHOWN_LENGTH} characters.
     */
    record UploadForm(String kind, String municipality, String asOf) {

        static final int SHOWN_LENGTH = 100;

        UploadForm {
            kind = shown(kind);
            municipality = shown(municipality);
            asOf = shown(asOf);
        }

        /** A longer text (a reason) shown again: without control characters other than line breaks. */
        static String shownText(String value) {
            if (value == null) {
                return "";
            }
            String clean = value.replaceAll("[\\p{Cntrl}&&[^\\n\\r\\t]]", "");
            return clean.length() > 2000 ? clean.substring(0, 2000) : clean;
        }

        private static String shown(String value) {
            if (value == null) {
                return null;
            }
            String clean = value.replaceAll("\\p{Cntrl}", "");
            return clean.length() > SHOWN_LENGTH ? clean.substring(0, SHOWN_LENGTH) : clean;
        }
    }

    @GetMapping("/importer")
    String page(Model model) {
        List<MunicipalityCode> granted = granted();
        return page(model, new UploadForm("folkbokforing", granted.isEmpty() ? "" : granted.get(0).value(), ""));
    }

    @PostMapping("/importer")
    String upload(@RequestParam(required = false) String kind, @RequestParam(required = false) String municipality,
                  @RequestParam(required = false) String asOf, @RequestParam(required = false) MultipartFile file,
                  Authentication user, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        UploadForm form = new UploadForm(kind, municipality, asOf);
        ImportKind importKind = kind == null ? null : ImportKind.fromPath(kind).orElse(null);
        if (importKind == null) {
            return error(model, form, response, HttpStatus.BAD_REQUEST, "kind", messages.get("intake.page.kind.missing"));
        }
        if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
            return error(model, form, response, HttpStatus.BAD_REQUEST, "file", messages.get("intake.page.file.missing"));
        }
        Path temp = null;
        try {
            var code = Uploads.grantedMunicipality(municipality, access.scope(), installation);
            var date = Uploads.asOf(asOf);
            temp = Uploads.spool(file, imports, spool);
            ImportReport report = imports.importFile(new ImportRequest(
                    importKind, code, date, Uploads.fileName(file), temp, user.getName()));
            redirect.addFlashAttribute("duplicate", report.duplicate());
            redirect.addFlashAttribute("uploaded", !report.duplicate()
                    && ImportBatches.COMPLETED.equals(report.status()));
            return "redirect:/importer/" + report.id();
        } catch (ProblemException e) {
            String field = e.fieldProblems().isEmpty() ? "file" : fieldId(e.fieldProblems().get(0).field());
            return error(model, form, response, e.status(), field, messages.get(e.detailKey(), e.args()));
        } finally {
            Uploads.delete(temp);
        }
    }

    @GetMapping("/importer/{id}")
    String batch(@PathVariable long id, Model model) {
        ImportBatches.Batch batch = granted(id);
        audit.record(Uploads.batchRead(batches, id, "GET /importer/" + id));
        model.addAttribute("batch", batch);
        model.addAttribute("report", batches.report(id, false).orElseThrow());
        model.addAttribute("rejected", batches.rejectedRows(id, REJECTED_SHOWN));
        model.addAttribute("rejectedShown", REJECTED_SHOWN);
        model.addAttribute("holdLimits", imports.holdLimits());
        return "intake/batch";
    }

    /**
     * Applies a held snapshot. The form carries a checkbox that says what it will do (it was shown
     * on the batch page): without it nothing happens.
     */
    @PostMapping("/importer/{id}/bekrafta")
    String confirm(@PathVariable long id, @RequestParam(required = false) String checked, Authentication user,
                   RedirectAttributes redirect) {
        granted(id);
        if (!"ja".equals(checked)) {
            redirect.addFlashAttribute("decisionError", messages.get("intake.decision.unchecked"));
            return "redirect:/importer/" + id + "#hold";
        }
        try {
            decisions.confirm(id, user.getName());
            redirect.addFlashAttribute("decided", "CONFIRMED");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("decisionError", messages.get(e.detailKey(), e.args()));
        }
        return "redirect:/importer/" + id;
    }

    @PostMapping("/importer/{id}/kassera")
    String discard(@PathVariable long id, @RequestParam(required = false) String reason, Authentication user,
                   RedirectAttributes redirect) {
        granted(id);
        try {
            decisions.discard(id, user.getName(), Uploads.reason(reason, false));
            redirect.addFlashAttribute("decided", "DISCARDED");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("decisionError", problemText(e));
        }
        return "redirect:/importer/" + id;
    }

    /** What withdrawing the batch means, with the form to do it. */
    @GetMapping("/importer/{id}/aterkalla")
    String withdrawPage(@PathVariable long id, Model model) {
        ImportBatches.Batch batch = granted(id);
        model.addAttribute("batch", batch);
        model.addAttribute("reason", "");
        return "intake/withdraw";
    }

    @PostMapping("/importer/{id}/aterkalla")
    String withdraw(@PathVariable long id, @RequestParam(required = false) String reason, Authentication user,
                    Model model, RedirectAttributes redirect, HttpServletResponse response) {
        ImportBatches.Batch batch = granted(id);
        try {
            decisions.withdraw(id, user.getName(), Uploads.reason(reason, true));
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("batch", batch);
            model.addAttribute("reason", UploadForm.shownText(reason));
            model.addAttribute("errorMessage", problemText(e));
            return "intake/withdraw";
        }
        redirect.addFlashAttribute("decided", "WITHDRAWN");
        return "redirect:/importer/" + id;
    }

    private ImportBatches.Batch granted(long id) {
        return Uploads.grantedBatch(batches, id, access.scope())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The Swedish text of a refusal: the field's message when one field was wrong. */
    private String problemText(ProblemException e) {
        if (!e.fieldProblems().isEmpty()) {
            ProblemException.FieldProblem p = e.fieldProblems().get(0);
            return messages.get(p.messageKey(), p.args().toArray());
        }
        return messages.get(e.detailKey(), e.args());
    }

    @GetMapping("/importer/{id}/avvisade.csv")
    void rejectedCsv(@PathVariable long id, HttpServletResponse response) throws java.io.IOException {
        if (Uploads.grantedBatch(batches, id, access.scope()).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        audit.record(Uploads.batchRead(batches, id, "GET /importer/" + id + "/avvisade.csv"));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"avvisade-rader-" + id + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        batches.writeRejectedCsv(id, out);
    }

    private String error(Model model, UploadForm form, HttpServletResponse response, HttpStatus status, String field,
                         String message) {
        response.setStatus(status.value());
        model.addAttribute("errorField", field);
        model.addAttribute("errorMessage", message);
        return page(model, form);
    }

    private String page(Model model, UploadForm form) {
        model.addAttribute("form", form);
        model.addAttribute("kinds", Arrays.asList(ImportKind.values()));
        List<MunicipalityCode> granted = granted();
        model.addAttribute("municipalities", granted);
        model.addAttribute("batches", batches.recent(HISTORY, granted));
        model.addAttribute("maxMegabytes", imports.maxFileSizeMegabytes());
        model.addAttribute("columns", Arrays.stream(ImportKind.values())
                .map(k -> new KindColumns(k, String.join(";", imports.columns(k)))).toList());
        return "intake/imports";
    }

    /** The served municipalities the user is granted: the only ones offered and listed. */
    private List<MunicipalityCode> granted() {
        return access.scope().granted(installation.servedMunicipalities());
    }

    record KindColumns(ImportKind kind, String header) {
    }

    private static String fieldId(String field) {
        return List.of("kind", "municipality", "asOf", "file").contains(field) ? field : "file";
    }
}
