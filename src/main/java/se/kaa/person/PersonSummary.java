package se.kaa.person;

import java.time.LocalDate;
import java.util.UUID;

import se.kaa.shared.PersonalIdentityNumber;

/**
 * A person as shown in lists and on her page. For a person with protected identity the address is
 * held but must not be shown without the dedicated permission.
 *
 * @param detailsAsOf the date of the snapshot (or correction) her name, address and protection come
 *                    from; a later snapshot listing her the same does not rewrite it (see
 *                    {@code PersonFacts.detailsConfirmedOn} for the date they were last confirmed)
 */
public record PersonSummary(
        UUID id, PersonalIdentityNumber pin, String givenName, String familyName,
        String address, String postalCode, String city, boolean protectedIdentity, LocalDate detailsAsOf) {

    /** The same person with her details dated {@code date}. */
    public PersonSummary withDetailsAsOf(LocalDate date) {
        return new PersonSummary(id, pin, givenName, familyName, address, postalCode, city, protectedIdentity, date);
    }

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
