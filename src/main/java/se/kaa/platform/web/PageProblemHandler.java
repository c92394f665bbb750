package se.kaa.platform.web;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import se.kaa.platform.ProblemException;

/**
 * A {@link ProblemException} escaping a page controller is a page, not a server error: a {@code 404}
 * is the Swedish "not found" page (the same as for an unknown address, so nothing leaks), any other
 * status the error page with the Swedish reason. The API's own handler ({@link ApiProblemHandler})
 * comes first for REST controllers.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblemHandler {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final MessageSource messages;

    PageProblemHandler(MessageSource messages) {
        this.messages = messages;
    }

    /** A path that names nothing of its type (a case id that is no number) is the "not found" page. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView typeMismatch(MethodArgumentTypeMismatchException e) {
        if (e.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return new ModelAndView("ui/not-found", Map.of(), HttpStatus.NOT_FOUND);
        }
        return problem(ProblemException.invalidFields(java.util.List.of(
                new ProblemException.FieldProblem(e.getName(), "problem.field.type-mismatch", e.getName()))));
    }

    @ExceptionHandler(ProblemException.class)
    ModelAndView problem(ProblemException e) {
        if (e.status() == HttpStatus.NOT_FOUND) {
            return new ModelAndView("ui/not-found", Map.of(), HttpStatus.NOT_FOUND);
        }
        String reason = messages.getMessage(e.detailKey(), e.args(), e.detailKey(), SWEDISH);
        // each field's problem in words: "Fältet age ska vara ett heltal mellan 15 och 20."
        java.util.List<String> problems = e.fieldProblems().stream()
                .map(p -> messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), SWEDISH)).toList();
        return new ModelAndView("error", Map.of("status", e.status().value(), "reason", reason, "problems", problems),
                e.status());
    }
}
