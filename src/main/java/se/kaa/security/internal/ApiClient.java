package se.kaa.security.internal;

import java.util.EnumSet;
import java.util.Set;

import se.kaa.security.KaaPrincipal;
import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;

/** A system client signed in with an API key: one role, its municipalities. */
record ApiClient(long keyId, String name, Role role, Set<MunicipalityCode> municipalities) implements KaaPrincipal {

    ApiClient {
        municipalities = Set.copyOf(municipalities);
    }

    @Override
    public String username() {
        return "api-key:" + keyId + ":" + name;
    }

    @Override
    public Set<Role> roles() {
        return EnumSet.of(role);
    }

    @Override
    public String toString() {
        return username();
    }
}
