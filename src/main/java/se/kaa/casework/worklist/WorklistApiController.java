package se.kaa.casework.worklist;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.cases.CaseStates.DeadlineClock;
import se.kaa.casework.worklist.NextStep;
import se.kaa.casework.worklist.Worklist.Category;
import se.kaa.platform.ProblemException.FieldProblem;
import se.kaa.platform.ProblemException;
import se.kaa.security.AccessScope;
import se.kaa.security.CurrentAccess;
import se.kaa.security.GrantedMunicipalities;
import se.kaa.shared.MunicipalityCode;

/** {@code GET /api/v1/cases}: the worklist as JSON, with the same filters, order and data as the page. */
@RestController
public class WorklistApiController {

    static final int MAX_SIZE = 1000;

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
    private final CurrentAccess access;
    private final AuditLog audit;
    private final WorklistLines lines;
    private final java.time.Clock clock;

    WorklistApiController(Worklist worklist, GrantedMunicipalities municipalities, CurrentAccess access, AuditLog audit,
                          WorklistLines lines, java.time.Clock clock) {
        this.lines = lines;
        this.clock = clock;
        this.worklist = worklist;
        this.municipalities = municipalities;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping("/api/v1/cases")
    CasesJson cases(@RequestParam(required = false) String municipality,
                    @RequestParam(required = false) String assignee,
                    @RequestParam(required = false) String category,
                    @RequestParam(required = false) String reason,
                    @RequestParam(required = false) String age,
                    @RequestParam(required = false) String school,
                    @RequestParam(required = false) String overdue,
                    @RequestParam(required = false) String page,
                    @RequestParam(required = false) String size) {
        AccessScope scope = access.scope();
        List<FieldProblem> problems = new ArrayList<>();
        MunicipalityCode m = municipalities.forApi(municipality, problems);
        Category c = WorklistParams.category(category);
        if (category != null && !category.isBlank() && c == null) {
            problems.add(new FieldProblem("category", "casework.problem.category", String.join(", ",
                    java.util.Arrays.stream(Category.values()).map(Enum::name).toList())));
        }
        String r = WorklistParams.reason(reason);
        if (reason != null && !reason.isBlank() && r == null) {
            problems.add(new FieldProblem("reason", "casework.problem.reason"));
        }
        Integer a = WorklistParams.age(age);
        if (age != null && !age.isBlank() && a == null) {
            problems.add(new FieldProblem("age", "problem.field.range", "age", 15, 20));
        }
        String s = WorklistParams.school(school);
        if (school != null && !school.isBlank() && s == null) {
            problems.add(new FieldProblem("school", "casework.problem.school"));
        }
        int p = integer("page", page, 0, 0, 100_000, problems);
        int n = integer("size", size, 100, 1, MAX_SIZE, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalidFields(problems);
        }
        Worklist.Page result = worklist.list(m, WorklistParams.filter(assignee, scope.username(), r, a, s,
                "true".equals(overdue), c), p, n);
        audit.record(AuditEvent.read("CASES_LISTED", m, result.rows().stream().map(Worklist.Row::personId).toList(),
                "GET /api/v1/cases page=" + p + " size=" + n));
        return new CasesJson(m.value(), p, n, result.total(), result.counts(), result.overdue(),
                lines.of(result.rows(), new java.util.HashMap<>(), LocalDate.now(clock)).stream().map(CaseJson::of).toList());
    }

    private static int integer(String name, String value, int defaultValue, int min, int max, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(value.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new FieldProblem(name, "problem.field.range", name, min, max));
        return defaultValue;
    }
}
