package se.kaa.casework.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import se.kaa.casework.internal.LetterKind;
import se.kaa.casework.internal.LetterService;
import se.kaa.platform.ProblemException;
import se.kaa.platform.ProblemException.FieldProblem;

/**
 * {@code POST /api/v1/letters}: {@code {"caseIds": [...], "template": "INFORMATION"}} → one PDF with
 * a letter per case, each on its own page. Cases of persons with protected identity or without an
 * address are skipped and named in the {@value #SKIPPED_HEADER} header (comma-separated case ids);
 * when every case is skipped the answer is a {@code 422} problem naming them. An unknown case, or one
 * outside the caller's municipalities, is {@code 404} and nothing is generated.
 */
@RestController
class LetterApiController {

    static final String SKIPPED_HEADER = "X-Skipped-Cases";
    static final int MAX_CASES = 1000;

    record LetterRequest(List<Long> caseIds, String template) {
    }

    private final LetterService letters;

    LetterApiController(LetterService letters) {
        this.letters = letters;
    }

    @PostMapping("/api/v1/letters")
    ResponseEntity<byte[]> letters(@RequestBody LetterRequest request, Principal principal) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Long> ids = request.caseIds() == null ? List.of()
                : request.caseIds().stream().filter(java.util.Objects::nonNull).toList();
        if (request.caseIds() != null && ids.size() < request.caseIds().size()) {
            // A null or empty entry is a mistake in the request, not a case to leave out quietly.
            problems.add(new FieldProblem("caseIds", "letters.problem.caseIds.invalid"));
        } else if (ids.isEmpty()) {
            problems.add(new FieldProblem("caseIds", "letters.problem.caseIds.empty"));
        } else if (ids.size() > MAX_CASES) {
            problems.add(new FieldProblem("caseIds", "letters.problem.caseIds.tooMany", MAX_CASES));
        }
        LetterKind kind = LetterKind.parse(request.template()).orElse(null);
        if (kind == null) {
            problems.add(new FieldProblem("template", "letters.problem.template",
                    String.join(", ", java.util.Arrays.stream(LetterKind.values()).map(Enum::name).toList())));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalidFields(problems);
        }
        LetterService.Plan plan = letters.plan(ids);
        List<Long> skipped = plan.skipped().stream().map(LetterService.Skipped::caseId).toList();
        if (plan.letters().isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "letters.problem.allSkipped",
                    "Every case was skipped", String.join(", ", skipped.stream().map(String::valueOf).toList()));
        }
        byte[] pdf = letters.generate(plan.letters(), kind, principal.getName(), "POST /api/v1/letters");
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("brev.pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (!skipped.isEmpty()) {
            response.header(SKIPPED_HEADER, String.join(",", skipped.stream().map(String::valueOf).toList()));
        }
        return response.body(pdf);
    }
}
