package se.kaa.person;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import se.kaa.shared.PersonalIdentityNumber;

/** The persons known to the register: resolves numbers to ids and holds their latest details. */
public interface PersonDirectory {

    /** The id of each number, creating persons not seen before (in the caller's transaction). */
    Map<PersonalIdentityNumber, UUID> resolveOrCreate(Collection<PersonalIdentityNumber> numbers);

    /** The id of a number already known. */
    Optional<UUID> find(PersonalIdentityNumber number);

    Optional<PersonSummary> summary(UUID personId);

    List<PersonSummary> summaries(Collection<UUID> personIds);

    /**
     * Replaces name, address and protected identity with those of a newer folkbokföring snapshot;
     * details from an older snapshot than the one already applied are ignored.
     */
    void updateRegisteredDetails(Collection<RegisteredDetails> details);

    /**
     * Replaces name, address and protected identity whatever the snapshot's date: when the snapshot
     * they came from is withdrawn, those of the latest snapshot still applied take their place.
     */
    void correctRegisteredDetails(Collection<RegisteredDetails> details);
}
