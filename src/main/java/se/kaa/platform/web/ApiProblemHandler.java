package se.kaa.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.exc.MismatchedInputException;

import se.kaa.platform.InputProblems;
import se.kaa.platform.ProblemException;

/**
 * Every error of the API as RFC 9457 problem details, in Swedish, naming the field and what was
 * expected. Never echoes the rejected value (it may be a personnummer).
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);
    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final MessageSource messages;

    ApiProblemHandler(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(e.status(), text(e.detailKey(), e.args()));
        body.setTitle(text("problem.title." + e.status().value(), new Object[0]));
        body.setType(URI.create("urn:kaa:problem:" + e.detailKey().replace("problem.", "")));
        if (!e.fieldProblems().isEmpty()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (ProblemException.FieldProblem p : e.fieldProblems()) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("field", p.field());
                error.put("message", text(p.messageKey(), p.args().toArray()));
                errors.add(error);
            }
            body.setProperty("errors", errors);
        }
        return ResponseEntity.status(e.status()).body(body);
    }

    /** A path that names no resource of its type (a case id that is no number) is {@code 404}; a query parameter {@code 400}. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        if (e.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return problem(ProblemException.notFound("Resource"));
        }
        return problem(ProblemException.invalidFields(List.of(
                new ProblemException.FieldProblem(e.getName(), "problem.field.type-mismatch", e.getName()))));
    }

    /** A file endpoint called without a multipart body: the file is missing, as with no part named so. */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<ProblemDetail> notMultipart(org.springframework.web.multipart.MultipartException e) {
        return problem(ProblemException.invalidFields(List.of(
                new ProblemException.FieldProblem("file", "problem.field.notMultipart"))));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
        log.debug("Bad request: {}", e.getMessage());
        return problem(new ProblemException(HttpStatus.BAD_REQUEST, "problem.bad-request", "Bad request"));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problem(new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "problem.too-large", "Upload too large")));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problem(ProblemException.invalidFields(List.of(
                new ProblemException.FieldProblem(ex.getParameterName(), "problem.field.missing", ex.getParameterName())))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(
            MissingServletRequestPartException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problem(ProblemException.invalidFields(List.of(
                new ProblemException.FieldProblem(ex.getRequestPartName(), "problem.field.missing", ex.getRequestPartName())))));
    }

    /**
     * A body that is not JSON is unreadable; a JSON value of the wrong type for a typed field (a date
     * that is no date, an unknown choice, text for a number) names the field, as a form would.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof MismatchedInputException mismatch) {
                var field = InputProblems.of(mismatch);
                if (field.isPresent()) {
                    return cast(problem(ProblemException.invalidFields(List.of(field.get()))));
                }
            }
        }
        return cast(problem(new ProblemException(HttpStatus.BAD_REQUEST, "problem.unreadable", "Unreadable body")));
    }

    /** A typed body that breaks its constraints ({@code @Valid}): every field, in Swedish. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problem(InputProblems.invalid(ex.getBindingResult())));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return problem(ProblemException.invalidFields(List.of(
                new ProblemException.FieldProblem(e.getHeaderName(), "problem.field.missing", e.getHeaderName()))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problem(new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "problem.media-type", "Unsupported media type")));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problem(new ProblemException(HttpStatus.METHOD_NOT_ALLOWED, "problem.method", "Method not allowed")));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problem(ProblemException.notFound("Resource")));
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            NoHandlerFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problem(ProblemException.notFound("Resource")));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail detail) {
            // Spring's own English detail may quote the request; replace it with our Swedish text.
            detail.setDetail(text("problem.title." + statusCode.value(), new Object[0]));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }

    private String text(String key, Object[] args) {
        return messages.getMessage(key, args, key, SWEDISH);
    }
}
