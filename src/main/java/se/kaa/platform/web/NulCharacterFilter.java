package se.kaa.platform.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose parameters carry a NUL character: no legitimate value has one, and
 * PostgreSQL cannot store it, so without this a search field could turn hostile input into a 500.
 * A multipart request is refused the same way when a file part's name carries one: Tomcat's
 * parser throws on it from wherever the parts are first read (the CSRF filter), which was a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class NulCharacterFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        boolean multipart = contentType != null && contentType.toLowerCase().startsWith("multipart/");
        if (multipart ? hasNulInFileName(request) : hasNul(request.getParameterMap())) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("""
                        {"type":"urn:kaa:problem:bad-request","title":"Felaktig begäran","status":400,\
                        "detail":"En uppgift innehåller ett tecken som inte tillåts (NUL)."}""");
            } else {
                response.sendError(HttpStatus.BAD_REQUEST.value());
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /** Reads the parts (as the CSRF filter would next); any other parse failure is left to the handlers. */
    private static boolean hasNulInFileName(HttpServletRequest request) {
        try {
            request.getParts();
            return false;
        } catch (org.apache.tomcat.util.http.fileupload.InvalidFileNameException e) {
            return true;
        } catch (IOException | ServletException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasNul(Map<String, String[]> parameters) {
        for (Map.Entry<String, String[]> e : parameters.entrySet()) {
            if (e.getKey().indexOf('\0') >= 0) {
                return true;
            }
            for (String v : e.getValue()) {
                if (v != null && v.indexOf('\0') >= 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
