package se.kaa.security.internal;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The API's answers when signing in fails, written by filters before any controller runs: RFC 9457
 * problem details in Swedish, as everywhere else in the API.
 */
@Component
class AuthProblems {

    static final String BASIC_AUTH_PROPERTY = "kaa.security.api.basic-auth";
    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final MessageSource messages;
    private final Environment environment;

    AuthProblems(MessageSource messages, Environment environment) {
        this.messages = messages;
        this.environment = environment;
    }

    /** Read on every request, so that the setting can be changed without a new filter chain (tests do). */
    boolean basicAuthEnabled() {
        return environment.getProperty(BASIC_AUTH_PROPERTY, Boolean.class, true);
    }

    void unauthorized(HttpServletResponse response, String detailKey) throws IOException {
        response.addHeader("WWW-Authenticate", "Bearer realm=\"KAA\"");
        if (basicAuthEnabled()) {
            response.addHeader("WWW-Authenticate", "Basic realm=\"KAA\", charset=\"UTF-8\"");
        }
        write(response, HttpStatus.UNAUTHORIZED, "unauthorized", detailKey);
    }

    /** 401 for a request without usable credentials. */
    void unauthorized(HttpServletResponse response) throws IOException {
        unauthorized(response, basicAuthEnabled() ? "auth.api.unauthorized" : "auth.api.unauthorized.bearer-only");
    }

    void tooManyRequests(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(response, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "auth.api.too-many-requests");
    }

    private void write(HttpServletResponse response, HttpStatus status, String type, String detailKey) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        String title = messages.getMessage("auth.problem.title." + status.value(), null, status.getReasonPhrase(), SWEDISH);
        String detail = messages.getMessage(detailKey, null, detailKey, SWEDISH);
        response.getWriter().write("{\"type\":\"urn:kaa:problem:" + type + "\",\"title\":\"" + json(title)
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + json(detail) + "\"}");
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
