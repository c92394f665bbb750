package se.kaa.security.internal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <API key>} on the API. An unknown, expired or revoked key is answered
 * 401 at once (it never falls through to another way of signing in); rate limits give 429.
 * Not a bean: it belongs to the API's filter chain only.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final SignInRateLimits limits;
    private final AuthProblems problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(ApiKeys keys, SignInRateLimits limits, AuthProblems problems) {
        this.keys = keys;
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        if (!limits.unknownApiKeyAllowed(address)) {
            problems.tooManyRequests(response, limits.unknownApiKeyRetryAfterSeconds(address));
            return;
        }
        String secret = header.substring(BEARER.length()).strip();
        Optional<ApiKeys.ApiKey> key = keys.authenticate(secret);
        if (key.isEmpty()) {
            limits.unknownApiKey(address);
            problems.unauthorized(response, "auth.api.key-invalid");
            return;
        }
        ApiKeys.ApiKey k = key.get();
        // The key's hash, unique for ever; an id can come back after a database is emptied (tests do).
        String bucket = ApiKeys.hash(secret);
        if (!limits.apiKeyRequest(bucket)) {
            problems.tooManyRequests(response, limits.apiKeyRetryAfterSeconds(bucket));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(new ApiClient(k.id(), k.name(), k.role(), k.municipalities())));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}
