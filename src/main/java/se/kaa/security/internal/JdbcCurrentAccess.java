package se.kaa.security.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import se.kaa.security.AccessScope;
import se.kaa.security.CurrentAccess;
import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;

@Component
class JdbcCurrentAccess implements CurrentAccess {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final JdbcClient jdbc;

    JdbcCurrentAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public AccessScope scope() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!TRUST.isAuthenticated(auth)) {
            return AccessScope.NONE;
        }
        if (auth.getPrincipal() instanceof AccessScope scope) {
            return scope;
        }
        if (auth.getDetails() instanceof AccessScope scope) {
            return scope;
        }
        // Users of single sign-on and API clients carry their roles and municipalities themselves.
        var principal = se.kaa.security.KaaPrincipal.of(auth);
        if (principal.isPresent()) {
            return new AccessScope(principal.get().username(), principal.get().roles(),
                    principal.get().municipalities(), Set.of(), principal.get().protectedAddresses());
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority a : auth.getAuthorities()) {
            String name = a.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                try {
                    roles.add(Role.valueOf(name.substring(5)));
                } catch (IllegalArgumentException e) {
                    // not one of ours
                }
            }
        }
        // One round trip for the grants; a disabled or unknown user has none.
        record Grants(Set<MunicipalityCode> municipalities, Set<String> units, boolean protectedAddresses) {
        }
        Grants grants = jdbc.sql("""
                SELECT ARRAY(SELECT m.municipality FROM user_municipality m WHERE m.user_id = u.id) AS municipalities,
                       ARRAY(SELECT s.school_unit_code FROM user_school_unit s WHERE s.user_id = u.id) AS units,
                       u.protected_addresses
                FROM app_user u WHERE u.username = ? AND u.enabled""")
                .param(auth.getName())
                .query((rs, n) -> new Grants(
                        java.util.Arrays.stream((String[]) rs.getArray(1).getArray()).map(MunicipalityCode::of)
                                .collect(Collectors.toSet()),
                        Set.of((String[]) rs.getArray(2).getArray()), rs.getBoolean(3)))
                .optional().orElse(new Grants(Set.of(), Set.of(), false));
        Set<MunicipalityCode> municipalities = grants.municipalities();
        Set<String> units = grants.units();
        boolean protectedAddresses = grants.protectedAddresses();
        return new AccessScope(auth.getName(), roles, municipalities, units, protectedAddresses);
    }
}
