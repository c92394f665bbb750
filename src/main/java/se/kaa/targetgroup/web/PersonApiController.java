package se.kaa.targetgroup.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.intake.PersonFacts;
import se.kaa.person.PersonSummary;
import se.kaa.shared.PersonId;
import se.kaa.targetgroup.internal.MemberQueries;

/** A person's facts with provenance, her episodes, and the explanation for any date. */
@RestController
@RequestMapping("/api/v1/persons")
class PersonApiController {

    record AddressJson(String street, String postalCode, String city) {
    }

    record SourceJson(String type, Long batchId, Long noticeId, Instant receivedAt) {
        static SourceJson of(se.kaa.intake.Provenance p) {
            return p == null ? null : new SourceJson(p.source().name(), p.batchId(), p.noticeId(), p.receivedAt());
        }
    }

    record PopulationJson(String municipality, LocalDate asOf, LocalDate registeredSince, LocalDate immigrationDate,
                          boolean protectedIdentity, String status, SourceJson source) {
    }

    record EnrolmentJson(String schoolUnitCode, String organiser, String schoolType, String programme,
                         LocalDate start, LocalDate end, String endReason, SourceJson source, SourceJson endSource) {
    }

    record CredentialJson(String type, LocalDate date, SourceJson source) {
    }

    record AdmissionJson(String schoolUnitCode, String programme, String decision, LocalDate start, SourceJson source) {
    }

    record PlacementJson(String municipality, LocalDate from, LocalDate to, String motivation, SourceJson source) {
    }

    record FactsJson(List<PopulationJson> population, List<EnrolmentJson> enrolments, List<CredentialJson> credentials,
                     List<AdmissionJson> admissions, List<PlacementJson> placements) {
    }

    record NoticeJson(long id, String type, String municipality, String schoolUnitCode, String organiser,
                      String schoolType, String programme, LocalDate date, String endReason, LocalDate absenceFrom,
                      LocalDate absenceTo, java.math.BigDecimal absenceHours, Instant receivedAt) {
    }

    record EpisodeJson(String municipality, LocalDate entered, String reason, String entryKind, String ruleSet,
                       LocalDate exited, String exitReason) {
    }

    record PersonJson(UUID personId, String personnummer, String givenName, String familyName,
                      boolean protectedIdentity, AddressJson address, FactsJson facts, List<NoticeJson> notices,
                      List<EpisodeJson> episodes, ExplanationView explanation) {
    }

    private final PersonRecord record;
    private final AuditLog audit;

    PersonApiController(PersonRecord record, AuditLog audit) {
        this.record = record;
        this.audit = audit;
    }

    @GetMapping("/{personId}")
    PersonJson person(@PathVariable PersonId personId, @RequestParam(required = false) String municipality) {
        PersonRecord.Loaded person = record.load(personId.value());
        audit.record(AuditEvent.read("PERSON_READ", person.municipalities().get(0), List.of(person.summary().id()),
                person.auditContext("GET /api/v1/persons/" + person.summary().id())));
        PersonSummary s = person.summary();
        // Protected identity: the address only with the dedicated permission (never for an API key).
        AddressJson address = !person.addressShown() || s.address() == null ? null
                : new AddressJson(s.address(), s.postalCode(), s.city());
        return new PersonJson(s.id(), s.pin().value(), s.givenName(), s.familyName(), s.protectedIdentity(), address,
                facts(person.facts()), person.notices().stream().map(PersonApiController::notice).toList(),
                person.episodes().stream().map(PersonApiController::episode).toList(),
                record.explain(person, record.today(), municipality));
    }

    @GetMapping("/{personId}/explanation")
    ExplanationView explanation(@PathVariable PersonId personId, @RequestParam(required = false) String date,
                                @RequestParam(required = false) String municipality) {
        UUID id = personId.value();
        Requests requests = new Requests();
        LocalDate d = requests.date("date", date, record.today());
        requests.check();
        PersonRecord.Loaded person = record.load(id);
        audit.record(AuditEvent.read("EXPLANATION_READ", person.municipalities().get(0), List.of(id),
                "GET /api/v1/persons/" + id + "/explanation date=" + d));
        return record.explain(person, d, municipality);
    }

    private static NoticeJson notice(se.kaa.intake.SchoolNotice n) {
        return new NoticeJson(n.id(), n.type().name(), n.municipality().value(), n.schoolUnitCode(), n.organiser(),
                n.schoolType() == null ? null : n.schoolType().name(), n.programme(), n.date(),
                n.endReason() == null ? null : n.endReason().name(), n.absenceFrom(),
                n.absenceTo(), n.absenceHours(), n.receivedAt());
    }

    private static EpisodeJson episode(MemberQueries.StoredEpisodeView e) {
        return new EpisodeJson(e.municipality(), e.entered(), e.reason(), e.entryKind(),
                se.kaa.targetgroup.RuleSetVersion.valueOf(e.ruleSet()).code(), e.exited(), e.exitReason());
    }

    private static FactsJson facts(PersonFacts f) {
        return new FactsJson(
                f.population().stream()
                        .sorted(java.util.Comparator.comparing(se.kaa.intake.PopulationFact::asOf))
                        .map(p -> new PopulationJson(p.municipality().value(), p.asOf(), p.registeredSince(),
                                p.immigrationDate(), p.protectedIdentity(), p.status().name(), SourceJson.of(p.provenance())))
                        .toList(),
                f.enrolments().stream()
                        .sorted(java.util.Comparator.comparing(se.kaa.intake.EnrolmentFact::start))
                        .map(e -> new EnrolmentJson(e.schoolUnitCode(), e.organiser(), e.schoolType().name(), e.programme(),
                                e.start(), e.end(), e.endReason() == null ? null : e.endReason().name(),
                                SourceJson.of(e.provenance()), SourceJson.of(e.endProvenance())))
                        .toList(),
                f.credentials().stream()
                        .map(c -> new CredentialJson(c.type().name(), c.date(), SourceJson.of(c.provenance()))).toList(),
                f.admissions().stream()
                        .map(a -> new AdmissionJson(a.schoolUnitCode(), a.programme(), a.decision().name(), a.start(),
                                SourceJson.of(a.provenance()))).toList(),
                f.placements().stream()
                        .map(p -> new PlacementJson(p.municipality().value(), p.from(), p.to(), p.motivation(),
                                SourceJson.of(p.provenance()))).toList());
    }
}
