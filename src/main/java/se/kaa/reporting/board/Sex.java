package se.kaa.reporting.board;

import se.kaa.shared.PersonalIdentityNumber;

/**
 * Legal sex as written in the personnummer: the ninth digit of the ten-digit form (index 10 of the
 * twelve digits) is odd for men and even for women. Also true of samordningsnummer.
 * PersonalIdentityNumber has no such method; if another module needs it, it belongs there.
 */
enum Sex {
    WOMAN, MAN;

    static Sex of(PersonalIdentityNumber pin) {
        return (pin.value().charAt(10) - '0') % 2 == 1 ? MAN : WOMAN;
    }
}
