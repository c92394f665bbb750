package se.kaa.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;

class OidcClaimsTest {

    @Test
    void roleValuesAreMatchedIgnoringCasePrefixAndDiacritics() {
        assertThat(OidcClaims.roles(List.of("KAA_HANDLAGGARE", "enhetschef", "Skolrapportör", "kaa-administratör",
                "kaa:granskare"))).containsExactlyInAnyOrder(Role.HANDLAGGARE, Role.ENHETSCHEF, Role.SKOLRAPPORTOR,
                Role.ADMINISTRATOR, Role.GRANSKARE);
        assertThat(OidcClaims.roles("handläggare, KAA.ENHETSCHEF")).containsExactlyInAnyOrder(Role.HANDLAGGARE, Role.ENHETSCHEF);
    }

    @Test
    void systemAndUnknownValuesGiveNoRole() {
        assertThat(OidcClaims.roles(List.of("SYSTEM", "KAA_SYSTEM", "offline_access", "uma_authorization", "KAA_"))).isEmpty();
        assertThat(OidcClaims.roles(null)).isEmpty();
    }

    @Test
    void municipalitiesAreKommunkoderTheInstallationServes() {
        Set<MunicipalityCode> served = Set.of(MunicipalityCode.of("2380"), MunicipalityCode.of("2361"));
        assertThat(OidcClaims.municipalities(List.of("2380", "KOMMUN_2361", "0180", "abc", "KAA_HANDLAGGARE"), served::contains))
                .containsExactly(MunicipalityCode.of("2361"), MunicipalityCode.of("2380"));
        assertThat(OidcClaims.municipalities("kommun:2380 kaa_kommun_2361", served::contains)).hasSize(2);
    }

    @Test
    void oneClaimCanCarryRolesAndMunicipalities() {
        List<String> entraAppRoles = List.of("KAA_HANDLAGGARE", "KOMMUN_2380");
        assertThat(OidcClaims.roles(entraAppRoles)).containsExactly(Role.HANDLAGGARE);
        assertThat(OidcClaims.municipalities(entraAppRoles, m -> true)).containsExactly(MunicipalityCode.of("2380"));
    }

    @Test
    void theProtectedAddressPermissionIsAValueOfTheRolesClaim() {
        assertThat(OidcClaims.protectedAddresses(List.of("KAA_HANDLAGGARE", "KAA_SKYDDAD_ADRESS"))).isTrue();
        assertThat(OidcClaims.protectedAddresses("handläggare kaa-skyddad-adress")).isTrue();
        assertThat(OidcClaims.protectedAddresses(List.of("KAA_HANDLAGGARE", "skyddad"))).isFalse();
        assertThat(OidcClaims.protectedAddresses(null)).isFalse();
        assertThat(OidcClaims.roles(List.of("KAA_SKYDDAD_ADRESS"))).as("not a role of its own").isEmpty();
    }
}
