package se.kaa.platform;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request refused with a reason the client can act on. Rendered as RFC 9457 problem details in
 * the API; {@code detailKey} and {@code args} name the Swedish text in the messages files.
 * The English message is for logs and must never contain personal data.
 */
public class ProblemException extends RuntimeException {

    /** One wrong field: its name in the request, and the Swedish message key with arguments. */
    public record FieldProblem(String field, String messageKey, List<Object> args) {
        public FieldProblem(String field, String messageKey, Object... args) {
            this(field, messageKey, List.of(args));
        }
    }

    private final HttpStatus status;
    private final String detailKey;
    private final transient Object[] args;
    private final transient List<FieldProblem> fieldProblems;

    public ProblemException(HttpStatus status, String detailKey, String englishMessage, Object... args) {
        this(status, detailKey, englishMessage, List.of(), args);
    }

    public ProblemException(HttpStatus status, String detailKey, String englishMessage,
                            List<FieldProblem> fieldProblems, Object... args) {
        super(englishMessage);
        this.status = status;
        this.detailKey = detailKey;
        this.args = args;
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public static ProblemException invalidFields(List<FieldProblem> problems) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "problem.invalid-fields",
                "Invalid fields: " + problems.stream().map(FieldProblem::field).toList(), problems);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "problem.not-found", what + " not found");
    }

    public HttpStatus status() {
        return status;
    }

    public String detailKey() {
        return detailKey;
    }

    public Object[] args() {
        return args.clone();
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }
}
