package se.kaa.intake;

import java.util.List;

import org.springframework.http.HttpStatus;

import se.kaa.platform.ProblemException;

/**
 * A whole file refused before anything was stored. {@code messageKey} names the Swedish text,
 * {@code args} fill it; {@link #getMessage()} is an English description without personal data.
 * Rendered by the API as RFC 9457 problem details (400, or 413 for a file that is too large).
 */
public class ImportRejectedException extends ProblemException {

    public ImportRejectedException(String messageKey, String englishMessage, Object... args) {
        this(HttpStatus.BAD_REQUEST, messageKey, englishMessage, List.of(), args);
    }

    public ImportRejectedException(HttpStatus status, String messageKey, String englishMessage,
                                   List<FieldProblem> fieldProblems, Object... args) {
        super(status, messageKey, englishMessage, fieldProblems, args);
    }

    /** Refused because of one request parameter (e.g. {@code municipality}), named in {@code errors}. */
    public static ImportRejectedException field(String field, String messageKey, String englishMessage, Object... args) {
        return new ImportRejectedException(HttpStatus.BAD_REQUEST, messageKey, englishMessage,
                List.of(new FieldProblem(field, messageKey, args)), args);
    }

    public String messageKey() {
        return detailKey();
    }
}
