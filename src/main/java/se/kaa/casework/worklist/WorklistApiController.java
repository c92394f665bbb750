package se.kaa.casework.worklist;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.cases.CaseStates.DeadlineClock;
import se.kaa.casework.worklist.NextStep;
import se.kaa.casework.worklist.Worklist.Category;
import se.kaa.platform.ProblemException.FieldProblem;
import se.kaa.platform.FormProblems;
import se.kaa.platform.ProblemException;
import se.kaa.security.AccessScope;
import se.kaa.security.GrantedMunicipalities;
import se.kaa.shared.MunicipalityCode;

/** {@code GET /api/v1/cases}: the worklist as JSON, with the same filters, order and data as the page. */
@RestController
public class WorklistApiController {

    static final int MAX_SIZE = 1000;

    /** What the API says of a wrong filter: what it expects, in its own words. */
    private static final Map<String, FieldProblem> SAID = Map.of(
            "category", new FieldProblem("category", "casework.problem.category",
                    String.join(", ", java.util.Arrays.stream(Category.values()).map(Enum::name).toList())),
            "reason", new FieldProblem("reason", "casework.problem.reason"),
            "age", new FieldProblem("age", "problem.field.range", "age", 15, 20),
            "school", new FieldProblem("school", "casework.problem.school"),
            "page", new FieldProblem("page", "problem.field.range", "page", 0, 100_000),
            "size", new FieldProblem("size", "problem.field.range", "size", 1, MAX_SIZE));

    record ClockJson(int targetDays, LocalDate doneOn, long days, boolean overdue) {
        static ClockJson of(DeadlineClock c) {
            return new ClockJson(c.targetDays(), c.doneOn(), c.days(), c.overdue());
        }
    }

    /** The single next thing to do, as the worklist page's line says it ({@code text}, Swedish). */
    record NextStepJson(NextStep.Kind kind, Long days, Integer targetDays, LocalDate date, boolean overdue, String text) {
    }

    public record CaseJson(long id, UUID personId, String personnummer, String givenName, String familyName,
                    LocalDate birthDate, int age, boolean protectedIdentity, String reason, LocalDate entered,
                    String schoolUnitCode, String assignee, long version, String contactState, LocalDate nextAttemptDue,
                    Map<String, ClockJson> clocks, List<Category> categories, boolean overdue, int overdueDays,
                    LocalDate followUp, LocalDate measureEnds, LocalDate turns20, String occupationType,
                    LocalDate occupationExpires, NextStepJson nextStep) {

        public static CaseJson of(WorklistLines.Line line) {
            Worklist.Row r = line.row();
            NextStep next = line.next();
            Map<String, ClockJson> clocks = new LinkedHashMap<>();
            clocks.put("firstAttempt", ClockJson.of(r.firstAttempt()));
            clocks.put("firstContact", ClockJson.of(r.firstContact()));
            clocks.put("firstMeasure", ClockJson.of(r.firstMeasure()));
            return new CaseJson(r.caseId(), r.personId(), r.pnr(), r.givenName(), r.familyName(), r.birthDate(), r.age(),
                    r.protectedIdentity(), r.reason(), r.entered(), r.school(), r.assignee(), r.version(),
                    r.contact().name(), r.nextAttemptDue(), clocks, List.copyOf(r.categories()), r.overdue(),
                    r.overdueDays(), r.followUp(), r.measureEnds(), r.turns20(), r.occupationType(), r.occupationExpires(),
                    new NextStepJson(next.kind(), next.days(), next.targetDays(), next.date(), next.overdue(), line.text()));
        }
    }

    record CasesJson(String municipality, int page, int size, long total, Map<Category, Long> counts, long overdue,
                     List<CaseJson> cases) {
    }

    private final Worklist worklist;
    private final GrantedMunicipalities municipalities;
    private final FormProblems formProblems;
    private final AuditLog audit;
    private final WorklistLines lines;
    private final java.time.Clock clock;

    WorklistApiController(Worklist worklist, GrantedMunicipalities municipalities, FormProblems formProblems,
                          AuditLog audit, WorklistLines lines, java.time.Clock clock) {
        this.lines = lines;
        this.clock = clock;
        this.worklist = worklist;
        this.municipalities = municipalities;
        this.formProblems = formProblems;
        this.audit = audit;
    }

    @GetMapping("/api/v1/cases")
    CasesJson cases(@RequestParam(required = false) String municipality, @Valid WorklistQuery query,
                    BindingResult binding, @RequestParam Map<String, String> submitted, AccessScope scope) {
        List<FieldProblem> problems = new ArrayList<>();
        MunicipalityCode m = municipalities.forApi(municipality, problems);
        if (binding.hasErrors()) {
            formProblems.of(binding, WorklistQuery.class, submitted).fieldProblems()
                    .forEach(p -> problems.add(SAID.getOrDefault(p.field(), p)));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalidFields(problems);
        }
        int p = query.pageOr(0);
        int n = query.sizeOr(100);
        Worklist.Page result = worklist.list(m, query.filter(scope.username()), p, n);
        audit.record(AuditEvent.read("CASES_LISTED", m, result.rows().stream().map(Worklist.Row::personId).toList(),
                "GET /api/v1/cases page=" + p + " size=" + n));
        return new CasesJson(m.value(), p, n, result.total(), result.counts(), result.overdue(),
                lines.of(result.rows(), new java.util.HashMap<>(), LocalDate.now(clock)).stream().map(CaseJson::of).toList());
    }

}
