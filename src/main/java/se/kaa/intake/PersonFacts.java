package se.kaa.intake;

import java.util.List;
import java.util.UUID;

import se.kaa.shared.PersonalIdentityNumber;

/**
 * Everything the register knows about one person that bears on the target group, each fact with
 * its provenance. Lists are in no particular order.
 *
 * @param snapshots every folkbokföring snapshot of each municipality the person has been listed in
 */
public record PersonFacts(
        UUID personId,
        PersonalIdentityNumber pin,
        List<PopulationFact> population,
        List<SnapshotFact> snapshots,
        List<EnrolmentFact> enrolments,
        List<CredentialFact> credentials,
        List<AdmissionFact> admissions,
        List<PlacementFact> placements) {

    public PersonFacts {
        population = List.copyOf(population);
        snapshots = List.copyOf(snapshots);
        enrolments = List.copyOf(enrolments);
        credentials = List.copyOf(credentials);
        admissions = List.copyOf(admissions);
        placements = List.copyOf(placements);
    }

    /**
     * The day her registered details (name, address, protection) were last confirmed: the later of the
     * day they were read or corrected ({@code detailsAsOf}) and the latest snapshot that listed her –
     * a snapshot that lists her as before does not rewrite her details, only confirms them.
     */
    public java.time.LocalDate detailsConfirmedOn(java.time.LocalDate detailsAsOf) {
        java.time.LocalDate latest = detailsAsOf;
        for (PopulationFact p : population) {
            if (latest == null || p.asOf().isAfter(latest)) {
                latest = p.asOf();
            }
        }
        return latest;
    }
}
