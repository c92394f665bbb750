package se.kaa.security.internal;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An administrator's change applies to a signed-in user at her next request, not at her next login:
 * a disabled account's session ends, changed roles replace those of the session.
 */
class AccountRefreshFilter extends OncePerRequestFilter {

    private final JdbcClient jdbc;

    AccountRefreshFilter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityContext context = SecurityContextHolder.getContext();
        Authentication auth = context.getAuthentication();
        if (auth instanceof UsernamePasswordAuthenticationToken && auth.isAuthenticated()) {
            List<Boolean> enabled = jdbc.sql("SELECT enabled FROM app_user WHERE username = ?").param(auth.getName())
                    .query(Boolean.class).list();
            if (enabled.isEmpty() || !enabled.get(0)) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else {
                Set<String> current = new HashSet<>(jdbc.sql("""
                        SELECT 'ROLE_' || r.role FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE u.username = ?""")
                        .param(auth.getName()).query(String.class).list());
                Set<String> held = new HashSet<>();
                for (GrantedAuthority a : auth.getAuthorities()) {
                    held.add(a.getAuthority());
                }
                if (!current.equals(held)) {
                    UsernamePasswordAuthenticationToken updated = UsernamePasswordAuthenticationToken.authenticated(
                            auth.getPrincipal(), null, current.stream().map(SimpleGrantedAuthority::new).toList());
                    updated.setDetails(auth.getDetails());
                    SecurityContext refreshed = SecurityContextHolder.createEmptyContext();
                    refreshed.setAuthentication(updated);
                    SecurityContextHolder.setContext(refreshed);
                    HttpSession session = request.getSession(false);
                    if (session != null) {
                        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, refreshed);
                    }
                }
            }
        }
        chain.doFilter(request, response);
    }
}
