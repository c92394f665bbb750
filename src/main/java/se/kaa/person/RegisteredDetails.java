package se.kaa.person;

import java.time.LocalDate;
import java.util.UUID;

/** Name, address and protection status from a folkbokföring snapshot taken on {@code asOf}. */
public record RegisteredDetails(
        UUID personId, LocalDate asOf, String givenName, String familyName,
        String address, String postalCode, String city, boolean protectedIdentity) {
}
