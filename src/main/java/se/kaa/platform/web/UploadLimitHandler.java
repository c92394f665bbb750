package se.kaa.platform.web;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

/**
 * An upload over the multipart limit fails before any controller is chosen, so the controller-scoped
 * handlers never see it: this global one answers 413 with problem details for the API and a page
 * for the UI.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitHandler {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final MessageSource messages;

    UploadLimitHandler(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(HttpServletRequest request) {
        String detail = messages.getMessage("problem.too-large", null, SWEDISH);
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail);
            body.setTitle(messages.getMessage("problem.title.413", null, SWEDISH));
            body.setType(URI.create("urn:kaa:problem:too-large"));
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
        }
        ModelAndView page = new ModelAndView("ui/too-large");
        page.setStatus(HttpStatus.CONTENT_TOO_LARGE);
        return page;
    }
}
