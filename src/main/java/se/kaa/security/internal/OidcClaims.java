package se.kaa.security.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;

/**
 * How the identity provider's claims become KAA roles and municipalities (documented in
 * docs/security.md, "OIDC").
 *
 * <ul>
 * <li>A claim is a JSON array of strings, or one string with values separated by commas or blanks.</li>
 * <li>A role value is a {@link Role} name, case and diacritics ignored, optionally prefixed with
 *     {@code KAA_}, {@code KAA-}, {@code KAA.} or {@code KAA:}: {@code KAA_HANDLAGGARE},
 *     {@code handlaggare}, {@code Handläggare} and {@code kaa-skolrapportör} all work. {@code SYSTEM} is
 *     for API keys only and is ignored here, as is every value that names no role (an IdP sends many).</li>
 * <li>The value {@code SKYDDAD_ADRESS} in the roles claim (same prefixes and leniency: {@code kaa-skyddad-adress})
 *     grants the dedicated permission to see the address of a person with protected identity.</li>
 * <li>A municipality value is a kommunkod, optionally prefixed with {@code kommun_}, {@code kommun-},
 *     {@code kommun:} or {@code KAA_KOMMUN_}: {@code 2380}, {@code KOMMUN_2380}. Codes this installation
 *     does not serve are ignored. Both claims may be the same (Entra ID app roles).</li>
 * </ul>
 */
final class OidcClaims {

    private OidcClaims() {
    }

    static Set<Role> roles(Object claim) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : values(claim)) {
            role(value).ifPresent(roles::add);
        }
        return roles;
    }

    /** Whether the roles claim grants the permission to see protected addresses. */
    static boolean protectedAddresses(Object claim) {
        return values(claim).stream().anyMatch(v -> withoutPrefix(normalise(v), "KAA").equals(PROTECTED_ADDRESSES));
    }

    static final String PROTECTED_ADDRESSES = "SKYDDAD_ADRESS";

    static Set<MunicipalityCode> municipalities(Object claim, Predicate<MunicipalityCode> served) {
        Set<MunicipalityCode> codes = new TreeSet<>();
        for (String value : values(claim)) {
            municipality(value).filter(served).ifPresent(codes::add);
        }
        return codes;
    }

    static Optional<Role> role(String value) {
        String name = withoutPrefix(normalise(value), "KAA");
        for (Role role : Role.values()) {
            if (role != Role.SYSTEM && role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    static Optional<MunicipalityCode> municipality(String value) {
        String code = withoutPrefix(withoutPrefix(normalise(value), "KAA"), "KOMMUN");
        return MunicipalityCode.isValid(code) ? Optional.of(MunicipalityCode.of(code)) : Optional.empty();
    }

    static List<String> values(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> collection) {
            for (Object o : collection) {
                if (o != null) {
                    values.addAll(values(o.toString()));
                }
            }
        } else if (claim instanceof Object[] array) {
            return values(List.of(array));
        } else if (claim != null) {
            for (String part : claim.toString().split("[,\\s]+")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }

    private static String normalise(String value) {
        String plain = Normalizer.normalize(value.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String withoutPrefix(String value, String prefix) {
        for (String separator : List.of("_", ".", ":")) {
            if (value.startsWith(prefix + separator)) {
                return value.substring(prefix.length() + 1);
            }
        }
        return value;
    }
}
