package se.kaa.security;

import java.util.Collection;
import java.util.Set;

import se.kaa.shared.MunicipalityCode;

/**
 * What the current user or API client may see: her roles, the municipalities she is granted,
 * for a skolrapportör the school units she reports for, and whether she holds the dedicated
 * permission to see the address of a person with protected identity ({@code protectedAddresses}).
 * Every query of register data is filtered by {@link #grants(MunicipalityCode)}.
 */
public record AccessScope(String username, Set<Role> roles, Set<MunicipalityCode> municipalities,
                          Set<String> schoolUnits, boolean protectedAddresses) {

    public static final AccessScope NONE = new AccessScope("", Set.of(), Set.of(), Set.of(), false);

    /** Without the permission to see protected addresses. */
    public AccessScope(String username, Set<Role> roles, Set<MunicipalityCode> municipalities, Set<String> schoolUnits) {
        this(username, roles, municipalities, schoolUnits, false);
    }

    public AccessScope {
        roles = Set.copyOf(roles);
        municipalities = Set.copyOf(municipalities);
        schoolUnits = Set.copyOf(schoolUnits);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean grants(MunicipalityCode municipality) {
        return municipality != null && municipalities.contains(municipality);
    }

    /** Only the given ones, in their order. */
    public java.util.List<MunicipalityCode> granted(Collection<MunicipalityCode> candidates) {
        return candidates.stream().filter(this::grants).toList();
    }

    /**
     * True when she reports only for her own school units and sees only her own receipts: a
     * skolrapportör who is not also an administrator or a system client.
     */
    public boolean limitedToOwnSchoolUnits() {
        return has(Role.SKOLRAPPORTOR) && !has(Role.ADMINISTRATOR) && !has(Role.SYSTEM);
    }

    /**
     * Whether the address of a person with protected identity may be shown to her: only with the
     * dedicated permission, which an administrator grants to a named user (never to an API key).
     */
    public boolean maySeeProtectedAddress() {
        return protectedAddresses;
    }

    public boolean grantsSchoolUnit(String schoolUnitCode) {
        return schoolUnitCode != null && schoolUnits.contains(schoolUnitCode);
    }
}
