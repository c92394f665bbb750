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

    /**
     * As {@link #resolveOrCreate(Collection)}, creating each new person with {@code newDetails} of her
     * number (its {@code personId} ignored; {@code null}: bare). Known persons' details are not touched.
     */
    Map<PersonalIdentityNumber, UUID> resolveOrCreate(Collection<PersonalIdentityNumber> numbers,
                                                      java.util.function.Function<PersonalIdentityNumber, RegisteredDetails> newDetails);

    /** The id of a number already known. */
    Optional<UUID> find(PersonalIdentityNumber number);

    /**
     * Persons whose name holds every one of {@code words} (in the given or the family name, any case),
     * by family name, at most {@code limit}; the caller decides which of them the reader may see.
     */
    List<UUID> findByName(List<String> words, int limit);

    Optional<PersonSummary> summary(UUID personId);

    List<PersonSummary> summaries(Collection<UUID> personIds);

    /**
     * Replaces name, address and protected identity with those of a newer folkbokföring snapshot, in
     * one statement in the caller's transaction; details from an older snapshot than the one already
     * applied are ignored, and so are details equal to those held (they keep the date they were first
     * read from: {@link PersonSummary#detailsAsOf}). {@code detailsQuery} yields one row per person with the columns
     * {@code person_id, given_name, family_name, address, postal_code, city, protected_identity}
     * (e.g. over the caller's staging table): a snapshot of a million rows is one set-based update,
     * not a million rows through the heap.
     *
     * @return how many persons' details were replaced
     */
    int updateRegisteredDetailsFrom(String detailsQuery, java.time.LocalDate asOf);

    /**
     * Replaces name, address and protected identity whatever the snapshot's date: when the snapshot
     * they came from is withdrawn, those of the latest snapshot still applied take their place.
     */
    void correctRegisteredDetails(Collection<RegisteredDetails> details);
}
