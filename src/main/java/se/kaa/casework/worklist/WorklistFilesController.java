package se.kaa.casework.worklist;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.assignment.AssignmentCandidates;
import se.kaa.intake.SchoolUnits;
import se.kaa.platform.Installation;
import se.kaa.platform.ProblemException;
import se.kaa.platform.ProblemException.FieldProblem;
import se.kaa.platform.TableFiles;
import se.kaa.security.AccessScope;
import se.kaa.security.Granted;
import se.kaa.shared.MunicipalityCode;

/**
 * The list behind a number of the manager's overview, as a file: {@code /arenden.csv} and
 * {@code /arenden.xlsx} take the worklist's filters and give every matching open case (not a page), in
 * the worklist's order, with the personnummer – the list is not suppressed, so only the enhetschef may
 * download it (the permission matrix), and the download is audited as an export naming every person in
 * it ({@code WORKLIST_EXPORTED}). A filter that cannot be read is a 400 naming it, a municipality not hers a 404:
 * never a different list.
 */
@Controller
class WorklistFilesController {

    /** As many rows as a municipality can have open cases: the file is the whole list. */
    static final int ALL = 1_000_000;

    private final Worklist worklist;
    private final WorklistLines lines;
    private final AssignmentCandidates candidates;
    private final SchoolUnits schools;
    private final Installation installation;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;

    WorklistFilesController(Worklist worklist, WorklistLines lines, AssignmentCandidates candidates, SchoolUnits schools,
                            Installation installation, AuditLog audit, MessageSource messages, Clock clock) {
        this.worklist = worklist;
        this.lines = lines;
        this.candidates = candidates;
        this.schools = schools;
        this.installation = installation;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping({"/arenden.csv", "/arenden.xlsx"})
    ResponseEntity<byte[]> file(@Granted(exactly = true) MunicipalityCode m, AccessScope scope, @Valid WorklistQuery query,
                                BindingResult binding, jakarta.servlet.http.HttpServletRequest request) {
        if (binding.hasErrors()) {
            throw ProblemException.invalidFields(binding.getFieldErrors().stream().map(e -> e.getField()).distinct()
                    .map(this::problem).toList());
        }
        boolean xlsx = request.getRequestURI().endsWith(".xlsx");
        LocalDate today = LocalDate.now(clock);
        Worklist.Page result = worklist.list(m, query.filter(scope.username()), 0, ALL, null);
        Map<String, String> names = lines.names(candidates.of(m), result.rows(), result.workers());
        TableFiles.Table table = table(m, query, result, lines.of(result.rows(), names, today), today);
        audit.record(AuditEvent.read("WORKLIST_EXPORTED", m, result.rows().stream().map(Worklist.Row::personId).toList(),
                "GET " + request.getRequestURI() + " rows=" + result.rows().size() + (xlsx ? " xlsx" : " csv")));
        byte[] file = xlsx ? TableFiles.xlsx(List.of(table)) : TableFiles.csv(List.of(table));
        return TableFiles.download(file, "kaa-arenden-" + m.value() + "-" + today, xlsx);
    }

    /** A filter that cannot be read, in the words of the worklist's own labels (the API names its fields instead). */
    private FieldProblem problem(String field) {
        return switch (field) {
            case "age" -> new FieldProblem(field, "problem.field.range", text("casework.worklist.col.age"), 15, 20);
            case "category" -> new FieldProblem(field, "casework.problem.category", String.join(", ",
                    java.util.Arrays.stream(Worklist.Category.values()).map(c -> text("casework.category." + c.name())).toList()));
            case "reason" -> new FieldProblem(field, "casework.problem.reason");
            case "school" -> new FieldProblem(field, "casework.problem.school");
            case "overdue" -> new FieldProblem(field, "problem.field.type-mismatch", text("casework.worklist.overdue"));
            default -> new FieldProblem(field, "casework.worklist.files.badFilter");
        };
    }

    private TableFiles.Table table(MunicipalityCode m, WorklistQuery query, Worklist.Page result,
                                   List<WorklistLines.Line> shown, LocalDate today) {
        List<String> header = List.of(text("casework.worklist.col.personnummer"), text("casework.worklist.col.name"),
                text("casework.worklist.protected"), text("casework.worklist.col.age"), text("casework.worklist.col.reason"),
                text("casework.worklist.col.entered"), text("casework.worklist.col.school"),
                text("casework.worklist.col.contact"), text("casework.worklist.col.firstContact"),
                text("casework.worklist.col.next"), text("casework.worklist.col.overdueDays"), text("casework.worklist.col.categories"),
                text("casework.worklist.col.assignee"));
        List<List<String>> rows = new ArrayList<>();
        Map<String, String> schoolNames = new HashMap<>();
        for (WorklistLines.Line line : shown) {
            Worklist.Row r = line.row();
            List<String> row = new ArrayList<>();
            row.add(r.pnr());
            row.add(r.displayName());
            row.add(r.protectedIdentity() ? text("casework.worklist.files.yes") : "");
            row.add(String.valueOf(r.age()));
            row.add(text("reason." + r.reason()));
            row.add(r.entered().toString());
            row.add(r.school() == null ? "" : schoolNames.computeIfAbsent(r.school(), schools::label));
            row.add(text("casework.contact." + r.contact().name()));
            row.add(r.firstContact().doneOn() == null ? "" : r.firstContact().doneOn().toString());
            row.add(line.text());
            row.add(line.late() == null ? "" : r.overdueDays() + "");
            row.add(String.join(", ", r.categories().stream().sorted()
                    .map(c -> text("casework.category." + c.name())).toList()));
            row.add(line.assignee());
            rows.add(row);
        }
        String title = text("casework.worklist.files.title", installation.label(m), today.toString(), result.total(),
                describe(query));
        return new TableFiles.Table(title, header, rows);
    }

    /** The filters in words, for the file's title line: "Kategori: Ej kontaktade, Endast försenade". */
    private String describe(WorklistQuery q) {
        List<String> parts = new ArrayList<>();
        switch (q.assignee()) {
            case "", "everyone" -> { }
            case "mine" -> parts.add(text("casework.worklist.assignee.mine"));
            case "unassigned" -> parts.add(text("casework.worklist.assignee.unassigned"));
            default -> parts.add(text("casework.worklist.assignee") + ": " + q.assignee());
        }
        if (q.category() != null) {
            parts.add(text("casework.worklist.category") + ": " + text("casework.category." + q.category().name()));
        }
        if (q.reason() != null) {
            parts.add(text("casework.worklist.col.reason") + ": " + text("reason." + q.reason().name()));
        }
        if (q.age() != null) {
            parts.add(text("casework.worklist.col.age") + ": " + q.age());
        }
        if (q.school() != null) {
            parts.add(text("casework.worklist.col.school") + ": " + schools.label(q.school().value()));
        }
        if (Boolean.TRUE.equals(q.overdue())) {
            parts.add(text("casework.worklist.overdue"));
        }
        return parts.isEmpty() ? text("casework.worklist.files.everything") : String.join(", ", parts);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, Locale.forLanguageTag("sv"));
    }
}
