package se.kaa.casework.letters;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import se.kaa.casework.cases.CaseId;
import se.kaa.platform.ProblemException.FieldProblem;
import se.kaa.platform.ProblemException;

/**
 * {@code POST /api/v1/letters}: {@code {"caseIds": [...], "template": "INFORMATION"}} → one PDF with
 * a letter per case, each on its own page. At most
 * {@code kaa.casework.letters.max-per-request} cases (default 500). Cases of persons with protected
 * identity or without an address are skipped and named in the {@value #SKIPPED_HEADER} header
 * (comma-separated case ids); when every case is skipped the answer is a {@code 422} problem naming
 * them. An unknown case, or one outside the caller's municipalities, is {@code 404} and nothing is
 * generated.
 *
 * <p>The letters are drafts of the batch named in the {@value #BATCH_HEADER} header: they count as
 * contact attempts only once marked sent, one by one
 * ({@code POST /api/v1/cases/{id}/letters/{letterId}/sent}) or the whole printed batch
 * ({@code POST /api/v1/cases/letter-batches/{batchId}/sent}).
 */
@RestController
public class LetterApiController {

    static final String SKIPPED_HEADER = "X-Skipped-Cases";
    static final String BATCH_HEADER = "X-Letter-Batch";

    record LetterRequest(List<Long> caseIds, String template) {
    }

    public record LetterView(long id, long caseId, Long batchId, String template, String heading, String status,
                      Instant generatedAt, String generatedBy, Instant sentAt, String sentBy) {
        public static LetterView of(LetterService.Letter l) {
            return new LetterView(l.id(), l.caseId(), l.batchId(), l.kind() == null ? null : l.kind().name(), l.heading(),
                    l.status(), l.generatedAt(), l.generatedBy(), l.sentAt(), l.sentBy());
        }
    }

    record BatchSent(long batchId, int marked) {
    }

    private final LetterService letters;
    private final LetterProperties properties;

    LetterApiController(LetterService letters, LetterProperties properties) {
        this.letters = letters;
        this.properties = properties;
    }

    @PostMapping("/api/v1/letters")
    void letters(@RequestBody LetterRequest request, Principal principal, HttpServletResponse response)
            throws IOException {
        List<FieldProblem> problems = new ArrayList<>();
        List<Long> ids = request.caseIds() == null ? List.of()
                : request.caseIds().stream().filter(java.util.Objects::nonNull).toList();
        if (request.caseIds() != null && ids.size() < request.caseIds().size()) {
            // A null or empty entry is a mistake in the request, not a case to leave out quietly.
            problems.add(new FieldProblem("caseIds", "letters.problem.caseIds.invalid"));
        } else if (ids.isEmpty()) {
            problems.add(new FieldProblem("caseIds", "letters.problem.caseIds.empty"));
        } else if (ids.size() > properties.maxPerRequest()) {
            problems.add(new FieldProblem("caseIds", "letters.problem.caseIds.tooMany", properties.maxPerRequest()));
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
        LetterService.Drafted drafted = letters.draft(plan.letters(), kind, principal.getName(), "POST /api/v1/letters");
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(MediaType.APPLICATION_PDF_VALUE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("brev.pdf").build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(BATCH_HEADER, String.valueOf(drafted.batchId()));
        if (!skipped.isEmpty()) {
            response.setHeader(SKIPPED_HEADER, String.join(",", skipped.stream().map(String::valueOf).toList()));
        }
        letters.writePdf(drafted, response.getOutputStream());
    }

    /** One draft letter was posted: it becomes a contact attempt. {@code 409} when already sent. */
    @PostMapping("/api/v1/cases/{id}/letters/{letterId}/sent")
    LetterView sent(@PathVariable CaseId id, @PathVariable long letterId, Principal principal) {
        return LetterView.of(letters.markSent(id.value(), letterId, principal.getName(),
                "POST /api/v1/cases/{id}/letters/{letterId}/sent"));
    }

    /** Every draft letter of a printed batch was posted. {@code 409} when none is left to mark. */
    @PostMapping("/api/v1/cases/letter-batches/{batchId}/sent")
    BatchSent batchSent(@PathVariable long batchId, Principal principal) {
        long batch = batchId;
        return new BatchSent(batch, letters.markBatchSent(batch, principal.getName(),
                "POST /api/v1/cases/letter-batches/{batchId}/sent"));
    }
}
