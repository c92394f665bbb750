package se.kaa.testdata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import se.kaa.intake.AdmissionDecision;
import se.kaa.intake.AdmissionFact;
import se.kaa.intake.CredentialFact;
import se.kaa.intake.CredentialType;
import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.EnrolmentFact;
import se.kaa.intake.FactSource;
import se.kaa.intake.PersonFacts;
import se.kaa.intake.PlacementFact;
import se.kaa.intake.PopulationFact;
import se.kaa.intake.Provenance;
import se.kaa.intake.RegistrationStatus;
import se.kaa.intake.SchoolType;
import se.kaa.intake.SnapshotFact;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;

/**
 * Builds a {@link PersonFacts} in a few readable lines; dates are ISO strings, {@code null} for an
 * open end. Every fact gets its own import batch number (1, 2, 3, … unless {@link #batch(long)} sets
 * the next one), so explanations can be checked against provenance.
 *
 * <pre>
 * FactsBuilder.person(Personas.ALVA)
 *     .listed("2380", "2025-09-01", "2008-01-17")
 *     .gr("2014-08-18", "2024-06-12")
 *     .gy("NA", "2024-08-19", "2026-03-13", AVBROTT)
 *     .build();
 * </pre>
 */
public final class FactsBuilder {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T08:00:00Z");

    private final PersonalIdentityNumber pin;
    private final List<PopulationFact> population = new ArrayList<>();
    private final List<SnapshotFact> snapshots = new ArrayList<>();
    private final List<EnrolmentFact> enrolments = new ArrayList<>();
    private final List<CredentialFact> credentials = new ArrayList<>();
    private final List<AdmissionFact> admissions = new ArrayList<>();
    private final List<PlacementFact> placements = new ArrayList<>();
    private long nextBatch = 1;
    private long nextEnrolmentId = 1;

    private FactsBuilder(PersonalIdentityNumber pin) {
        this.pin = pin;
    }

    public static FactsBuilder person(PersonalIdentityNumber pin) {
        return new FactsBuilder(pin);
    }

    /** The import batch number of the next fact. */
    public FactsBuilder batch(long id) {
        this.nextBatch = id;
        return this;
    }

    private Provenance provenance(FactSource source) {
        return Provenance.batch(source, nextBatch++, RECEIVED);
    }

    static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    // ---- folkbokföring

    /** A NORMAL row of the snapshot of {@code municipality} on {@code asOf}, registered there since {@code since}. */
    public FactsBuilder listed(String municipality, String asOf, String since) {
        return row(municipality, asOf, since, null, false, RegistrationStatus.NORMAL);
    }

    /** A row with a status (AVLIDEN, UTVANDRAD take effect on {@code asOf}). */
    public FactsBuilder listed(String municipality, String asOf, String since, RegistrationStatus status) {
        return row(municipality, asOf, since, null, false, status);
    }

    /** A row of someone who immigrated on {@code immigrated}. */
    public FactsBuilder immigrant(String municipality, String asOf, String since, String immigrated) {
        return row(municipality, asOf, since, immigrated, false, RegistrationStatus.NORMAL);
    }

    /** A row with protected identity (skyddad folkbokföring). */
    public FactsBuilder listedProtected(String municipality, String asOf, String since) {
        return row(municipality, asOf, since, null, true, RegistrationStatus.NORMAL);
    }

    public FactsBuilder row(String municipality, String asOf, String since, String immigrated,
            boolean protectedIdentity, RegistrationStatus status) {
        Provenance p = provenance(FactSource.FOLKBOKFORING);
        population.add(new PopulationFact(MunicipalityCode.of(municipality), date(asOf), date(since), date(immigrated),
                protectedIdentity, status, p));
        if (snapshots.stream().noneMatch(s -> s.municipality().value().equals(municipality)
                && s.asOf().equals(date(asOf)))) {
            snapshots.add(new SnapshotFact(MunicipalityCode.of(municipality), date(asOf), p));
        }
        return this;
    }

    /** Snapshots of {@code municipality} that do not list her (unless a row says otherwise). */
    public FactsBuilder snapshots(String municipality, String... asOfs) {
        for (String asOf : asOfs) {
            snapshots.add(new SnapshotFact(MunicipalityCode.of(municipality), date(asOf),
                    provenance(FactSource.FOLKBOKFORING)));
        }
        return this;
    }

    /** A manual placement decision, {@code to} inclusive or {@code null}. */
    public FactsBuilder placed(String municipality, String from, String to) {
        placements.add(new PlacementFact(MunicipalityCode.of(municipality), date(from), date(to), "handlaggare1",
                "skyddad folkbokföring, bor i kommunen", new Provenance(FactSource.MANUAL, null, null, RECEIVED)));
        return this;
    }

    // ---- schools

    public FactsBuilder enrolment(SchoolType type, String programme, String start, String end, EnrolmentEndReason why) {
        enrolments.add(new EnrolmentFact(nextEnrolmentId++, "12345678", "Testkommunen", type, programme, date(start),
                date(end), why, provenance(FactSource.INSKRIVNINGAR), null));
        return this;
    }

    /** An enrolment whose end was reported by a school organiser's STOP notice. */
    public FactsBuilder enrolmentStoppedByNotice(SchoolType type, String programme, String start, String end,
            EnrolmentEndReason why, long noticeId) {
        enrolments.add(new EnrolmentFact(nextEnrolmentId++, "12345678", "Testkommunen", type, programme, date(start),
                date(end), why, provenance(FactSource.INSKRIVNINGAR), Provenance.notice(noticeId, RECEIVED)));
        return this;
    }

    public FactsBuilder gr(String start, String end) {
        return enrolment(SchoolType.GR, null, start, end, end == null ? null : EnrolmentEndReason.FULLFOLJT);
    }

    public FactsBuilder grs(String start, String end) {
        return enrolment(SchoolType.GRS, null, start, end, end == null ? null : EnrolmentEndReason.FULLFOLJT);
    }

    public FactsBuilder gy(String programme, String start, String end, EnrolmentEndReason why) {
        return enrolment(SchoolType.GY, programme, start, end, why);
    }

    public FactsBuilder gys(String programme, String start, String end, EnrolmentEndReason why) {
        return enrolment(SchoolType.GYS, programme, start, end, why);
    }

    public FactsBuilder vux(String start, String end) {
        return enrolment(SchoolType.VUX, null, start, end, null);
    }

    public FactsBuilder fhs(String start, String end) {
        return enrolment(SchoolType.FHS, null, start, end, null);
    }

    public FactsBuilder motsv(String programme, String start, String end, EnrolmentEndReason why) {
        return enrolment(SchoolType.MOTSV, programme, start, end, why);
    }

    // ---- credentials and admissions

    public FactsBuilder credential(CredentialType type, String date) {
        credentials.add(new CredentialFact(type, date(date), provenance(FactSource.EXAMINA)));
        return this;
    }

    public FactsBuilder admitted(String programme, String start) {
        return admission(programme, AdmissionDecision.ANTAGEN, start);
    }

    public FactsBuilder admission(String programme, AdmissionDecision decision, String start) {
        admissions.add(new AdmissionFact("12345678", programme, decision, date(start), provenance(FactSource.ANTAGNING)));
        return this;
    }

    public PersonFacts build() {
        UUID id = UUID.nameUUIDFromBytes(pin.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new PersonFacts(id, pin, population, snapshots, enrolments, credentials, admissions, placements);
    }
}
