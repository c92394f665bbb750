package se.kaa.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands before HTTP Basic on the API: refuses it when switched off ({@code KAA_API_BASIC_AUTH=false})
 * and refuses attempts for a user name or from an address that has failed too often (429).
 */
final class BasicAuthGuardFilter extends OncePerRequestFilter {

    private static final String BASIC = "Basic ";

    private final SignInRateLimits limits;
    private final AuthProblems problems;

    BasicAuthGuardFilter(SignInRateLimits limits, AuthProblems problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            chain.doFilter(request, response);
            return;
        }
        if (!problems.basicAuthEnabled()) {
            problems.unauthorized(response, "auth.api.basic-off");
            return;
        }
        String username = username(header.substring(BASIC.length()).strip());
        String address = request.getRemoteAddr();
        if (username != null && !limits.loginAllowed(address)) {
            problems.tooManyRequests(response, limits.loginRetryAfterSeconds(address));
            return;
        }
        chain.doFilter(request, response);
    }

    private static String username(String token) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null; // BasicAuthenticationFilter answers malformed headers
        }
    }
}
