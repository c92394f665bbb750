package se.kaa.platform.web;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import se.kaa.platform.UploadSpool;

/**
 * Errors that happen before any controller is chosen – an upload over the multipart limit or on a full
 * disk, a path no controller serves – never reach the controller-scoped handlers: this global one answers them with
 * problem details under {@code /api/} and a Swedish page elsewhere.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitHandler {

    private static final Logger log = LoggerFactory.getLogger(UploadLimitHandler.class);
    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final MessageSource messages;

    UploadLimitHandler(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(HttpServletRequest request) {
        return answer(request, HttpStatus.CONTENT_TOO_LARGE, "problem.too-large", "too-large", "ui/too-large");
    }

    /**
     * The container could not write an upload's parts to the spool: a full disk is a 507 with a Swedish
     * reason (nothing was imported); any other failure stays a server error.
     */
    @ExceptionHandler(MultipartException.class)
    Object multipartFailed(MultipartException e, HttpServletRequest request) throws MultipartException {
        if (!UploadSpool.isDiskFull(e)) {
            throw e;
        }
        log.warn("An upload could not be received: no space left on the device of the upload spool");
        return answer(request, HttpStatus.INSUFFICIENT_STORAGE, "problem.insufficient-storage", "insufficient-storage",
                "ui/insufficient-storage");
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    Object notFound(HttpServletRequest request) {
        return answer(request, HttpStatus.NOT_FOUND, "problem.not-found", "not-found", "ui/not-found");
    }

    private Object answer(HttpServletRequest request, HttpStatus status, String detailKey, String type, String view) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            ProblemDetail body = ProblemDetail.forStatusAndDetail(status, messages.getMessage(detailKey, null, SWEDISH));
            body.setTitle(messages.getMessage("problem.title." + status.value(), null, SWEDISH));
            body.setType(URI.create("urn:kaa:problem:" + type));
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
        }
        ModelAndView page = new ModelAndView(view);
        page.setStatus(status);
        return page;
    }
}
