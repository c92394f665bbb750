package se.kaa.security;

import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;

import se.kaa.shared.MunicipalityCode;

/**
 * Who is signed in, as the rest of KAA needs to know it: a name for the audit log, the roles (also
 * granted as authorities {@code ROLE_<ROLE>}) and the municipalities whose data she may see.
 * Users signed in through OIDC and API clients are principals of this type; read it with
 * {@link #of(Authentication)}.
 */
public interface KaaPrincipal {

    /** The user name or, for an API key, {@code api-key:<name>}; never a personnummer. */
    String username();

    Set<Role> roles();

    Set<MunicipalityCode> municipalities();

    default boolean hasRole(Role role) {
        return roles().contains(role);
    }

    /** The dedicated permission to see the address of a person with protected identity. */
    default boolean protectedAddresses() {
        return false;
    }

    default boolean mayAccess(MunicipalityCode municipality) {
        return municipalities().contains(municipality);
    }

    /** The KAA principal behind an authentication, when it is one. */
    static Optional<KaaPrincipal> of(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof KaaPrincipal principal) {
            return Optional.of(principal);
        }
        return Optional.empty();
    }
}
