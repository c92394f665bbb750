package se.kaa.targetgroup.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import se.kaa.intake.FactStore;
import se.kaa.intake.NoticeLookup;
import se.kaa.intake.SchoolNotice;
import se.kaa.intake.PersonFacts;
import se.kaa.person.PersonDirectory;
import se.kaa.person.PersonSummary;
import se.kaa.platform.Installation;
import se.kaa.platform.ProblemException;
import se.kaa.security.AccessScope;
import se.kaa.security.CurrentAccess;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.internal.MemberQueries;
import se.kaa.targetgroup.rules.TargetGroupEngine;

/** Gathers what the register holds about one person for her page and the API. */
@Component
class PersonRecord {

    /**
     * @param facts      what is shown: population records and placements only of granted municipalities
     * @param allFacts   every fact, for the engine's explanation (never shown as such)
     * @param addressShown whether her address may be shown: always, unless she has protected identity
     *                   and the user lacks the dedicated permission
     */
    record Loaded(PersonSummary summary, PersonFacts facts, List<MemberQueries.StoredEpisodeView> episodes,
                  List<MunicipalityCode> municipalities, List<SchoolNotice> notices, PersonFacts allFacts,
                  boolean addressShown) {

        /** A protected address is shown: the audit entry says so. */
        boolean protectedAddressShown() {
            return summary.protectedIdentity() && addressShown && summary.address() != null;
        }

        /** The audit context: the request, and whether a protected address was shown. */
        String auditContext(String request) {
            return protectedAddressShown() ? request + " (protected address shown)" : request;
        }
    }

    private final PersonDirectory persons;
    private final FactStore facts;
    private final NoticeLookup notices;
    private final MemberQueries queries;
    private final TargetGroupEngine engine;
    private final Installation installation;
    private final MessageSource messages;
    private final Clock clock;
    private final CurrentAccess access;

    PersonRecord(PersonDirectory persons, FactStore facts, NoticeLookup notices, MemberQueries queries, TargetGroupEngine engine,
                 Installation installation, MessageSource messages, Clock clock, CurrentAccess access) {
        this.access = access;
        this.persons = persons;
        this.facts = facts;
        this.notices = notices;
        this.queries = queries;
        this.engine = engine;
        this.installation = installation;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * The person, or 404 – the same as for an unknown person – when she was never in a municipality
     * this installation serves and the user is granted. Episodes, notices, population records and
     * placements of other municipalities are left out.
     */
    Loaded load(UUID personId) {
        AccessScope scope = access.scope();
        PersonSummary stored = persons.summary(personId).orElseThrow(() -> ProblemException.notFound("Person"));
        PersonFacts personFacts = facts.factsFor(List.of(personId)).stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Person"));
        PersonSummary summary = stored.withDetailsAsOf(personFacts.detailsConfirmedOn(stored.detailsAsOf()));
        List<MunicipalityCode> municipalities = visibleIn(personFacts, scope);
        if (municipalities.isEmpty()) {
            throw ProblemException.notFound("Person");
        }
        PersonFacts shown = new PersonFacts(personFacts.personId(), personFacts.pin(),
                personFacts.population().stream().filter(p -> scope.grants(p.municipality())).toList(),
                personFacts.snapshots().stream().filter(s -> scope.grants(s.municipality())).toList(),
                personFacts.enrolments(), personFacts.credentials(), personFacts.admissions(),
                personFacts.placements().stream().filter(p -> scope.grants(p.municipality())).toList());
        return new Loaded(summary, shown,
                queries.episodesOf(personId).stream()
                        .filter(e -> scope.grants(MunicipalityCode.of(e.municipality()))).toList(),
                municipalities,
                notices.noticesFor(personId).stream().filter(n -> scope.grants(n.municipality())).toList(),
                personFacts, !summary.protectedIdentity() || scope.maySeeProtectedAddress());
    }

    /**
     * The municipalities in which the reader may see her: those of her facts this installation
     * serves and the reader is granted – none, and she does not exist for the reader (her page is 404,
     * the search leaves her out).
     */
    private List<MunicipalityCode> visibleIn(PersonFacts personFacts, AccessScope scope) {
        return engine.municipalitiesOf(personFacts).stream()
                .filter(installation::serves).filter(scope::grants).sorted().toList();
    }

    /** Of these persons, those the reader may see, each with the municipalities she is seen in; in their order. */
    java.util.Map<UUID, List<MunicipalityCode>> visible(List<UUID> personIds) {
        AccessScope scope = access.scope();
        java.util.Map<UUID, List<MunicipalityCode>> byId = new java.util.HashMap<>();
        for (PersonFacts f : facts.factsFor(personIds)) {
            List<MunicipalityCode> municipalities = visibleIn(f, scope);
            if (!municipalities.isEmpty()) {
                byId.put(f.personId(), municipalities);
            }
        }
        java.util.Map<UUID, List<MunicipalityCode>> ordered = new java.util.LinkedHashMap<>();
        personIds.stream().filter(byId::containsKey).forEach(id -> ordered.put(id, byId.get(id)));
        return ordered;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * The explanation on {@code date} for the requested municipality, or else the one of her most
     * recent episode, or else the first municipality she has been registered in.
     */
    ExplanationView explain(Loaded person, LocalDate date, String requestedMunicipality) {
        MunicipalityCode municipality = chooseMunicipality(person, date, requestedMunicipality);
        // As known today, like the stored episodes: a school change whose window has passed since
        // that date no longer holds her back on it.
        return ExplanationView.of(engine.assess(person.allFacts(), municipality, date, today()), messages);
    }

    private static MunicipalityCode chooseMunicipality(Loaded person, LocalDate date, String requested) {
        if (requested != null) {
            Optional<MunicipalityCode> match = person.municipalities().stream()
                    .filter(m -> m.value().equals(requested)).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
        }
        return person.episodes().stream()
                .filter(e -> !e.entered().isAfter(date))
                .max(Comparator.comparing(MemberQueries.StoredEpisodeView::entered))
                .map(e -> MunicipalityCode.of(e.municipality()))
                .filter(person.municipalities()::contains)
                .orElse(person.municipalities().get(0));
    }

    MessageSource messages() {
        return messages;
    }
}
