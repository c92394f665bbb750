package se.kaa.intake;

import java.util.Collection;
import java.util.UUID;

import se.kaa.shared.MunicipalityCode;

/**
 * Asked before a folkbokföring snapshot is applied that would move many people out: how many open
 * cases of the municipality the move-outs would close. Implemented by casework; without it the answer
 * is 0.
 */
public interface SnapshotImpact {

    /** Open cases in the municipality of these persons. */
    long openCasesAmong(MunicipalityCode municipality, Collection<UUID> personIds);
}
