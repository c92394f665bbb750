package se.kaa.extract.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import se.kaa.casework.PersonCaseworkLookup;
import se.kaa.extract.AccessHistory;
import se.kaa.extract.RegisterExtract;
import se.kaa.extract.RegisterExtracts;
import se.kaa.intake.FactStore;
import se.kaa.intake.NoticeLookup;
import se.kaa.intake.PersonFacts;
import se.kaa.intake.Provenance;
import se.kaa.intake.RejectedRowLookup;
import se.kaa.person.PersonDirectory;
import se.kaa.person.PersonSummary;
import se.kaa.platform.ProblemException;
import se.kaa.security.ActorDirectory;
import se.kaa.security.CurrentAccess;
import se.kaa.targetgroup.PersonMemberships;

@Service
class ExtractService implements RegisterExtracts {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    private static final DateTimeFormatter RECEIVED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Europe/Stockholm"));

    private final PersonDirectory persons;
    private final FactStore facts;
    private final NoticeLookup notices;
    private final RejectedRowLookup rejectedRows;
    private final PersonMemberships memberships;
    private final AccessHistory accessHistory;
    private final MessageSource messages;
    private final Clock clock;
    private final CurrentAccess access;
    private final PersonCaseworkLookup casework;
    private final ActorDirectory actors;
    private final AccessSentences sentences;

    ExtractService(PersonDirectory persons, FactStore facts, NoticeLookup notices, RejectedRowLookup rejectedRows,
                   PersonMemberships memberships, AccessHistory accessHistory, MessageSource messages, Clock clock,
                   CurrentAccess access, PersonCaseworkLookup casework, ActorDirectory actors) {
        this.access = access;
        this.casework = casework;
        this.actors = actors;
        this.sentences = new AccessSentences(messages);
        this.persons = persons;
        this.facts = facts;
        this.notices = notices;
        this.rejectedRows = rejectedRows;
        this.memberships = memberships;
        this.accessHistory = accessHistory;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public RegisterExtract extract(UUID personId) {
        PersonMemberships.Explanation explanation = memberships.explainToday(personId)
                .orElseThrow(() -> ProblemException.notFound("Person"));
        PersonSummary s = persons.summary(personId).orElseThrow(() -> ProblemException.notFound("Person"));
        PersonFacts f = facts.factsFor(List.of(personId)).stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Person"));
        boolean withheld = s.protectedIdentity() && s.address() != null && !access.scope().maySeeProtectedAddress();
        RegisterExtract.Identity identity = new RegisterExtract.Identity(s.id(), s.pin().value(), s.givenName(),
                s.familyName(), withheld ? null : s.address(), withheld ? null : s.postalCode(),
                withheld ? null : s.city(), s.protectedIdentity(), withheld, f.detailsConfirmedOn(s.detailsAsOf()));
        return new RegisterExtract(clock.instant(), LocalDate.now(clock), identity, facts(f),
                notices.noticesFor(personId).stream().map(n -> new RegisterExtract.Notice(n.id(), n.type().name(),
                        n.municipality().value(), n.schoolUnitCode(), n.organiser(),
                        n.schoolType() == null ? null : n.schoolType().name(), n.programme(), n.date(), n.absenceFrom(),
                        n.absenceTo(), n.absenceHours(), n.receivedAt(), n.submittedBy())).toList(),
                rejectedRows.rowsFor(s.pin()).stream().map(r -> new RegisterExtract.RejectedRow(r.batchId(),
                        r.kind().name(), r.municipality(), r.receivedAt(), r.rowNumber(), r.rawLine(), r.errors(),
                        r.status())).toList(),
                memberships.episodesOf(personId).stream().map(e -> new RegisterExtract.Episode(e.municipality(),
                        e.entered(), e.reason().name(), e.entryKind().name(), e.ruleSet().name(), e.exited(),
                        e.exitReason() == null ? null : e.exitReason().name())).toList(),
                explanation, casework.of(personId, access.scope().municipalities()), accessHistory.recorded(),
                accesses(personId));
    }

    /** Every access as a sentence; each actor is looked up once. */
    private List<RegisterExtract.Access> accesses(UUID personId) {
        Map<String, ActorDirectory.Actor> known = new HashMap<>();
        return accessHistory.accessesTo(personId).stream()
                .map(a -> new RegisterExtract.Access(a.at(), sentences.sentence(a, known.computeIfAbsent(
                        (a.systemJob() ? "system:" : "user:") + a.actor(),
                        k -> actors.describe(a.actor(), a.systemJob())))))
                .toList();
    }

    private RegisterExtract.Facts facts(PersonFacts f) {
        return new RegisterExtract.Facts(
                f.population().stream().sorted(Comparator.comparing(se.kaa.intake.PopulationFact::asOf))
                        .map(p -> new RegisterExtract.Population(p.municipality().value(), p.asOf(), p.registeredSince(),
                                p.immigrationDate(), p.protectedIdentity(), p.status().name(), source(p.provenance())))
                        .toList(),
                f.enrolments().stream().sorted(Comparator.comparing(se.kaa.intake.EnrolmentFact::start))
                        .map(e -> new RegisterExtract.Enrolment(e.schoolUnitCode(), e.organiser(), e.schoolType().name(),
                                e.programme(), e.start(), e.end(), e.endReason() == null ? null : e.endReason().name(),
                                source(e.provenance()), source(e.endProvenance())))
                        .toList(),
                f.credentials().stream().sorted(Comparator.comparing(se.kaa.intake.CredentialFact::date))
                        .map(c -> new RegisterExtract.Credential(c.type().name(), c.date(), source(c.provenance())))
                        .toList(),
                f.admissions().stream().sorted(Comparator.comparing(se.kaa.intake.AdmissionFact::start))
                        .map(a -> new RegisterExtract.Admission(a.schoolUnitCode(), a.programme(), a.decision().name(),
                                a.start(), source(a.provenance())))
                        .toList(),
                f.placements().stream().sorted(Comparator.comparing(se.kaa.intake.PlacementFact::from))
                        .map(p -> new RegisterExtract.Placement(p.municipality().value(), p.from(), p.to(),
                                p.decidedBy(), p.motivation(), source(p.provenance())))
                        .toList());
    }

    private RegisterExtract.Source source(Provenance p) {
        if (p == null) {
            return null;
        }
        String received = p.receivedAt() == null ? "" : RECEIVED.format(p.receivedAt());
        String kind = messages.getMessage("source." + p.source().name(), null, p.source().name(), SWEDISH);
        String text;
        if (p.batchId() != null) {
            text = messages.getMessage("source.batch", new Object[] {kind, String.valueOf(p.batchId()), received}, SWEDISH);
        } else if (p.noticeId() != null) {
            text = messages.getMessage("source.notice", new Object[] {String.valueOf(p.noticeId()), received}, SWEDISH);
        } else {
            text = messages.getMessage("source.manual", new Object[] {received}, SWEDISH);
        }
        return new RegisterExtract.Source(p.source().name(), p.batchId(), p.noticeId(), p.receivedAt(), text);
    }
}
