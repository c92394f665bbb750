package se.kaa.casework;

import java.util.Collection;
import java.util.UUID;

import se.kaa.shared.MunicipalityCode;

/**
 * Reads everything casework holds about a person, for her register extract. Reads only: the caller
 * audits the read. Contact details of a person with protected identity are withheld unless the
 * current user holds the permission to see protected addresses, as on the case page.
 */
public interface PersonCaseworkLookup {

    /** Her cases in the given municipalities (those the reader is granted), oldest first. */
    PersonCasework of(UUID personId, Collection<MunicipalityCode> municipalities);
}
