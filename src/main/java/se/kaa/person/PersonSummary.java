package se.kaa.person;

import java.time.LocalDate;
import java.util.UUID;

import se.kaa.shared.PersonalIdentityNumber;

/**
 * A person as shown in lists and on her page. For a person with protected identity the address is
 * held but must not be shown without the dedicated permission.
 */
public record PersonSummary(
        UUID id, PersonalIdentityNumber pin, String givenName, String familyName,
        String address, String postalCode, String city, boolean protectedIdentity, LocalDate detailsAsOf) {

    public LocalDate birthDate() {
        return pin.birthDate();
    }

    public String displayName() {
        if (givenName == null && familyName == null) {
            return pin.masked();
        }
        return ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
    }
}
