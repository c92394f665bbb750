package se.kaa.targetgroup;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import se.kaa.shared.MunicipalityCode;

/**
 * A person's cases, for the links from her page to them. Casework provides it (it depends on this
 * module, not the other way round); without casework the page shows no cases.
 */
public interface PersonCaseLinks {

    /** One case: open since {@code entered}, or closed on {@code closedOn}. */
    record CaseLink(long caseId, MunicipalityCode municipality, boolean open, LocalDate entered, LocalDate closedOn) {
    }

    /** Her cases in these municipalities (those the reader is granted), open ones first. */
    List<CaseLink> of(UUID personId, Collection<MunicipalityCode> municipalities);

    /** Whose case this is, when it is one of these municipalities' (the search by case number). */
    java.util.Optional<UUID> personOfCase(long caseId, Collection<MunicipalityCode> municipalities);
}
