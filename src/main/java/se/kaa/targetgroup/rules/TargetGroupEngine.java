package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import se.kaa.intake.PersonFacts;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.Episode;
import se.kaa.targetgroup.RuleSetVersion;
import se.kaa.targetgroup.TargetGroupSettings;

/**
 * Computes a person's membership of a municipality's KAA target group (skollagen 29 kap. 9 §) from
 * her facts: the explanation on one date ({@link #assess}) and every membership episode
 * ({@link #episodes}). Plain Java, stateless and thread-safe; the same facts always give the same
 * result. See docs/target-group.md for the rules as implemented.
 */
public final class TargetGroupEngine {

    private final TargetGroupSettings settings;

    public TargetGroupEngine(TargetGroupSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public TargetGroupEngine() {
        this(TargetGroupSettings.defaults());
    }

    public TargetGroupSettings settings() {
        return settings;
    }

    /**
     * The explanation of her membership of {@code municipality}'s group on {@code date}, as the facts
     * stood on that date: the same answer as {@link #episodes} up to {@code date}.
     */
    public Assessment assess(PersonFacts facts, MunicipalityCode municipality, LocalDate date) {
        return assess(facts, municipality, date, date);
    }

    /**
     * The explanation on {@code date} as known on {@code knownOn} (normally today): the same answer as
     * the episodes computed up to the later of the two. The two differ only for a school change
     * (BYTE) whose window was still running on {@code date} but has passed by {@code knownOn}.
     */
    public Assessment assess(PersonFacts facts, MunicipalityCode municipality, LocalDate date, LocalDate knownOn) {
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(knownOn, "knownOn");
        LocalDate known = knownOn.isAfter(date) ? knownOn : date;
        PersonContext person = PersonContext.of(facts, settings);
        Optional<RuleSet> found = RuleSet.on(date);
        if (found.isEmpty()) {
            return new Assessment(municipality, date, null, Assessment.Status.NO_RULE_SET, null, null,
                    Finding.of(FindingKey.RULESET_NONE, date), List.of(), null);
        }
        RuleSet rules = found.get();
        RuleSetVersion version = rules.version();
        List<ConditionOutcome> outcomes = new ArrayList<>(7);
        boolean statutory = true;
        for (ConditionRule rule : rules.conditions()) {
            ConditionOutcome o = rule.evaluate(person, municipality, date);
            statutory &= o.satisfied();
            outcomes.add(o);
        }
        Walk.Result walk = Walk.run(person, municipality, date, known);
        ConditionOutcome transition = rules.summerTransition().evaluate(person, date, walk.outOfSchoolSince(), known);
        outcomes.add(transition);

        Assessment.Status status = !statutory ? Assessment.Status.NOT_MEMBER
                : transition.satisfied() ? Assessment.Status.MEMBER : Assessment.Status.EXPECTED_TO_START;
        Episode episode = status == Assessment.Status.MEMBER ? walk.open() : null;
        if (status == Assessment.Status.MEMBER && episode == null) {
            // Cannot happen while the change points are complete; fail loudly rather than explain wrongly.
            throw new IllegalStateException("assessment and episodes disagree on " + date);
        }
        Finding ruleSetFinding = Finding.of(FindingKey.RULESET_SELECTED, version.code(), version.validFrom());
        Finding reasonFinding = episode == null ? null
                : RuleSet.of(episode.ruleSetAtEntry()).reasons().explain(person, episode.entered());
        return new Assessment(municipality, date, version, status, episode == null ? null : episode.reason(), episode,
                ruleSetFinding, outcomes, reasonFinding);
    }

    /**
     * Every membership episode of {@code municipality}'s group up to and including {@code until}, in
     * date order; one still running on {@code until} is open ({@code exited == null}).
     */
    public List<Episode> episodes(PersonFacts facts, MunicipalityCode municipality, LocalDate until) {
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(until, "until");
        return Walk.run(PersonContext.of(facts, settings), municipality, until).episodes();
    }

    /** The episodes of every municipality she has been in, indexing her facts once (for bulk runs). */
    public Map<MunicipalityCode, List<Episode>> episodesByMunicipality(PersonFacts facts, LocalDate until) {
        Objects.requireNonNull(until, "until");
        PersonContext person = PersonContext.of(facts, settings);
        Map<MunicipalityCode, List<Episode>> out = new LinkedHashMap<>();
        for (MunicipalityCode m : person.municipalities()) {
            List<Episode> e = Walk.run(person, m, until).episodes();
            if (!e.isEmpty()) {
                out.put(m, e);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Her episodes up to {@code until} in every municipality {@code included} (in the order of
     * {@link #municipalitiesOf}), her facts indexed once, and the first day after {@code until} on
     * which they could differ without new facts ({@link PersonContext#nextChangeAfter}; null: never).
     */
    public Computed compute(PersonFacts facts, LocalDate until, java.util.function.Predicate<MunicipalityCode> included) {
        Objects.requireNonNull(until, "until");
        PersonContext person = PersonContext.of(facts, settings);
        List<Episode> out = new java.util.ArrayList<>();
        for (MunicipalityCode m : municipalitiesOf(facts)) {
            if (included.test(m)) {
                out.addAll(Walk.run(person, m, until).episodes());
            }
        }
        return new Computed(List.copyOf(out), person.nextChangeAfter(until));
    }

    /** What {@link #compute} found: the episodes, and when they are due to be computed again. */
    public record Computed(List<Episode> episodes, LocalDate nextChange) {
    }

    /** Every municipality she has been folkbokförd or placed in, sorted by code. */
    public Set<MunicipalityCode> municipalitiesOf(PersonFacts facts) {
        Set<MunicipalityCode> out = new java.util.TreeSet<>();
        facts.population().forEach(p -> out.add(p.municipality()));
        facts.placements().forEach(p -> out.add(p.municipality()));
        return Collections.unmodifiableSet(new LinkedHashSet<>(out));
    }
}
