package se.kaa.security.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands before the login form's processing: a user name or address that has failed too often is
 * sent back to the login page, which says in Swedish to wait ({@code /login?rate}), and the password
 * is not checked.
 */
final class LoginRateLimitFilter extends OncePerRequestFilter {

    private final SignInRateLimits limits;

    LoginRateLimitFilter(SignInRateLimits limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!limits.loginAllowed(request.getRemoteAddr())) {
            response.setHeader("Retry-After", Long.toString(limits.loginRetryAfterSeconds(request.getRemoteAddr())));
            response.sendRedirect(request.getContextPath() + "/login?rate");
            return;
        }
        chain.doFilter(request, response);
    }
}
