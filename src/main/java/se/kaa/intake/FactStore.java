package se.kaa.intake;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import se.kaa.shared.MunicipalityCode;

/** Reads the facts held about persons, for the target-group computation and person pages. */
public interface FactStore {

    /** Facts for each of the persons, in bulk (missing ids are left out). */
    List<PersonFacts> factsFor(Collection<UUID> personIds);

    /** Every person with any population record in the municipality (for a full recomputation). */
    Set<UUID> personsEverRegisteredIn(MunicipalityCode municipality);
}
