package se.kaa.security.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import se.kaa.security.KaaPrincipal;
import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;

/** A user signed in through OIDC: the provider's tokens, with KAA's roles and municipalities. */
final class KaaOidcUser extends DefaultOidcUser implements KaaPrincipal {

    private static final long serialVersionUID = 1L;

    private final String username;
    private final Set<Role> roles;
    // Plain strings: the session may be serialised, MunicipalityCode is not Serializable.
    private final Set<String> municipalityCodes;
    private final boolean protectedAddresses;

    KaaOidcUser(OidcUser user, String username, Set<Role> roles, Set<MunicipalityCode> municipalities,
                boolean protectedAddresses) {
        super(authorities(roles), user.getIdToken(), user.getUserInfo());
        this.username = username;
        this.roles = Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
        TreeSet<String> codes = new TreeSet<>();
        municipalities.forEach(m -> codes.add(m.value()));
        this.municipalityCodes = Collections.unmodifiableSet(codes);
        this.protectedAddresses = protectedAddresses;
    }

    static Collection<GrantedAuthority> authorities(Set<Role> roles) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
        return authorities;
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public Set<Role> roles() {
        return roles;
    }

    @Override
    public Set<MunicipalityCode> municipalities() {
        return municipalityCodes.stream().map(MunicipalityCode::new)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public boolean protectedAddresses() {
        return protectedAddresses;
    }

    @Override
    public boolean equals(Object obj) {
        return super.equals(obj);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
