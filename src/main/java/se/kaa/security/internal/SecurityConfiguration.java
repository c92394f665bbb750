package se.kaa.security.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.RequestPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import se.kaa.security.PermissionMatrix;
import se.kaa.security.Role;

/**
 * Nothing is reachable without logging in: form login with CSRF (and OIDC single sign-on when
 * configured) for the UI, API keys and HTTP Basic without sessions for {@code /api/**}; how one
 * signs in is added by {@link SignInConfigurer}. Who may call what is decided by
 * {@link PermissionMatrix} for both; a request mapping the matrix does not list is refused to everyone.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    /**
     * Session attributes written with PostgreSQL's upsert: two requests of one session that both add
     * an attribute (two tabs saving at once, each leaving a flash message) otherwise both insert it,
     * and the second failed with a duplicate key – a 500 for a save that had succeeded.
     */
    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer sessionAttributesUpserted() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, LocalAccounts local, ApplicationContext context,
                            SignInConfigurer signIn) throws Exception {
        http.securityMatcher("/api/**", "/v3/api-docs/**", "/v3/api-docs", "/v3/api-docs.yaml")
                .authenticationProvider(local.provider())
                .authorizeHttpRequests(auth -> auth.anyRequest().access(matrix(context)))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> unauthorized(signIn, request, response, e)))
                .csrf(csrf -> csrf.disable()) // stateless, credentials in every request: no ambient authority to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> unauthorized(signIn, request, response, e))
                        .accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
                                "Åtkomst nekad", "Din roll ger inte behörighet till detta.")));
        signIn.api(http); // API keys, the HTTP Basic switch, rate limits
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http, LocalAccounts local, ApplicationContext context,
                           JdbcClient jdbc, SignInConfigurer signIn) throws Exception {
        signIn.ui(http); // OIDC single sign-on, login rate limit
        ExceptionMappingAuthenticationFailureHandler failure = new ExceptionMappingAuthenticationFailureHandler();
        failure.setDefaultFailureUrl("/login?error");
        failure.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked"));
        http.authenticationProvider(local.provider())
                .addFilterBefore(new AccountRefreshFilter(jdbc), AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().access(matrix(context)))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(failure)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .invalidateHttpSession(true).deleteCookies("JSESSIONID"))
                // session fixation: Spring's default (a new session id at login) stays; tested in LocalAccountTest
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                        + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'"))
                        .referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * A request the firewall refuses (encoded slashes, double slashes, control characters in the
     * path) gets problem details under {@code /api/} instead of the servlet container's HTML page.
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> {
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                problem(response, HttpStatus.BAD_REQUEST, "Felaktig begäran",
                        "Adressen innehåller tecken som inte tillåts.");
            } else {
                response.sendError(HttpStatus.BAD_REQUEST.value());
            }
        };
    }

    /**
     * bcrypt at {@code kaa.security.bcrypt-cost} (log rounds, default 10) for new hashes; the stored
     * {@code {id}} prefix still decides how an existing hash is checked. The tests lower the cost:
     * every HTTP Basic request checks a hash, and at cost 10 that is about 70 ms of CPU.
     */
    @Bean
    PasswordEncoder passwordEncoder(@org.springframework.beans.factory.annotation.Value("${kaa.security.bcrypt-cost:10}") int cost) {
        java.util.Map<String, PasswordEncoder> encoders = new java.util.HashMap<>();
        encoders.put("bcrypt", new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(cost));
        org.springframework.security.crypto.password.DelegatingPasswordEncoder delegating =
                new org.springframework.security.crypto.password.DelegatingPasswordEncoder("bcrypt", encoders);
        delegating.setDefaultPasswordEncoderForMatches(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        return delegating;
    }

    /**
     * The local accounts, added to each filter chain as a provider (next to single sign-on and API
     * keys). Deliberately not an {@code AuthenticationProvider} bean: a bean would also become the
     * global authentication manager that every chain falls back to, so a wrong password would be
     * checked – and counted towards the lockout – twice.
     */
    record LocalAccounts(LocalAccountAuthentication provider) {
    }

    @Bean
    LocalAccounts localAccounts(JdbcClient jdbc, PasswordEncoder encoder, LoginThrottle throttle) {
        return new LocalAccounts(new LocalAccountAuthentication(jdbc, encoder, throttle));
    }

    /** No global authentication manager (and so no default in-memory user): each chain has its own providers. */
    @Bean
    AuthenticationManager noGlobalAuthenticationManager() {
        return authentication -> {
            throw new ProviderNotFoundException("Each filter chain authenticates with its own providers");
        };
    }

    /**
     * The matrix's decision for the request; a request no entry lists is refused when a handler
     * would serve it (an endpoint without a decision) and otherwise left to become a 404.
     */
    static AuthorizationManager<RequestAuthorizationContext> matrix(ApplicationContext context) {
        return (authentication, ctx) -> {
            HttpServletRequest request = ctx.getRequest();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            Authentication auth = authentication.get();
            boolean signedIn = TRUST.isAuthenticated(auth);
            Optional<PermissionMatrix.Entry> entry = PermissionMatrix.decide(HttpMethod.valueOf(request.getMethod()), path);
            if (entry.isEmpty()) {
                return new AuthorizationDecision(signedIn && !handled(context, request));
            }
            PermissionMatrix.Entry e = entry.get();
            return new AuthorizationDecision(switch (e.access()) {
                case PUBLIC -> true;
                case AUTHENTICATED -> signedIn;
                case ROLES -> signedIn && auth.getAuthorities().stream()
                        .anyMatch(a -> e.roles().stream().anyMatch(r -> ("ROLE_" + r.name()).equals(a.getAuthority())));
            });
        };
    }

    private static boolean handled(ApplicationContext context, HttpServletRequest request) {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        RequestPath previous = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request) : null;
        try {
            ServletRequestPathUtils.parseAndCache(request);
            return mapping.getHandler(request) != null;
        } catch (Exception e) {
            return true; // e.g. a mapped path with another method: refuse rather than guess
        } finally {
            ServletRequestPathUtils.setParsedRequestPath(previous, request);
        }
    }

    static boolean hasRole(Authentication auth, Role role) {
        return auth.getAuthorities().stream().anyMatch(a -> ("ROLE_" + role.name()).equals(a.getAuthority()));
    }

    private static void unauthorized(SignInConfigurer signIn, HttpServletRequest request, HttpServletResponse response,
                                     AuthenticationException e) throws IOException {
        if (e instanceof LockedException) {
            // Said the same way for every username, existing or not.
            response.setHeader("WWW-Authenticate", "Basic realm=\"KAA\"");
            problem(response, HttpStatus.UNAUTHORIZED, "Inloggning krävs",
                    "För många misslyckade inloggningar. Inloggningen är spärrad en stund; försök igen senare.");
        } else {
            signIn.unauthorized(request, response);
        }
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        String type = switch (status) {
            case FORBIDDEN -> "urn:kaa:problem:forbidden";
            case BAD_REQUEST -> "urn:kaa:problem:bad-request";
            default -> "urn:kaa:problem:unauthorized";
        };
        response.getWriter().write("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail + "\"}");
    }
}
