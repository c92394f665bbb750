package se.kaa.targetgroup.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import se.kaa.platform.ProblemException;
import se.kaa.targetgroup.EntryKind;
import se.kaa.targetgroup.ExitReason;
import se.kaa.targetgroup.PersonMemberships;
import se.kaa.targetgroup.ReasonForRegistration;
import se.kaa.targetgroup.RuleSetVersion;
import se.kaa.targetgroup.internal.MemberQueries;

/** {@link PersonMemberships} from the same record and explanation the person page shows. */
@Component
class PersonMembershipsAdapter implements PersonMemberships {

    private final PersonRecord record;
    private final MemberQueries queries;

    PersonMembershipsAdapter(PersonRecord record, MemberQueries queries) {
        this.record = record;
        this.queries = queries;
    }

    @Override
    public List<EpisodeSummary> episodesOf(UUID personId) {
        return queries.episodesOf(personId).stream()
                .map(e -> new EpisodeSummary(e.municipality(), e.entered(), ReasonForRegistration.valueOf(e.reason()),
                        EntryKind.valueOf(e.entryKind()), RuleSetVersion.valueOf(e.ruleSet()), e.exited(),
                        e.exitReason() == null ? null : ExitReason.valueOf(e.exitReason())))
                .toList();
    }

    @Override
    public Optional<Explanation> explainToday(UUID personId) {
        PersonRecord.Loaded person;
        try {
            person = record.load(personId);
        } catch (ProblemException notFound) {
            return Optional.empty();
        }
        ExplanationView v = record.explain(person, record.today(), null);
        List<ExplainedCondition> conditions = v.conditions().stream()
                .map(c -> new ExplainedCondition(c.condition(), c.label(), c.satisfied(),
                        c.findings().stream().map(PersonMembershipsAdapter::text).toList()))
                .toList();
        return Optional.of(new Explanation(v.date(), v.municipality(), v.ruleSet(), v.member(), v.reason(),
                v.memberSince(), v.summary(), conditions));
    }

    private static String text(ExplanationView.FindingView f) {
        return f.source() == null ? f.text() : f.text() + " (" + f.source().text() + ")";
    }
}
