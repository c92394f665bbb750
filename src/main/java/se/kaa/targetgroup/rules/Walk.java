package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import se.kaa.intake.RegistrationStatus;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.EntryKind;
import se.kaa.targetgroup.Episode;
import se.kaa.targetgroup.ExitReason;
import se.kaa.targetgroup.RuleSetVersion;

/**
 * Walks a person's change points in date order and keeps the state between them: every condition
 * is constant from one change point to the next, so membership is evaluated once per change point
 * (a few dozen per person), never per day. Dates before 2015-01-01 are walked with the 2015 logic
 * to know since when she has been out of school, but nobody is a member then.
 */
final class Walk {

    /** The state after walking up to a date. */
    record Result(List<Episode> episodes, Episode open, LocalDate outOfSchoolSince, boolean held) {
    }

    private static final int V2018_FROM = (int) RuleSetVersion.V2018.validFrom().toEpochDay();
    private static final int V2023_FROM = (int) RuleSetVersion.V2023.validFrom().toEpochDay();
    private static final int V2015_FROM = (int) RuleSetVersion.V2015.validFrom().toEpochDay();

    private Walk() {
    }

    /** The rule set version on an epoch day, {@code null} before 2015 (no Optional on the hot path). */
    private static RuleSetVersion versionOn(int day) {
        return day >= V2023_FROM ? RuleSetVersion.V2023 : day >= V2018_FROM ? RuleSetVersion.V2018
                : day >= V2015_FROM ? RuleSetVersion.V2015 : null;
    }

    /** The first day of her current unbroken spell out of school on {@code date}, or {@code null}. */
    static LocalDate outOfSchoolSince(PersonContext person, LocalDate date) {
        LocalDate since = null;
        boolean prev = false;
        long day = date.toEpochDay();
        for (int p : person.changePoints()) {
            if (p > day) {
                break;
            }
            LocalDate d = LocalDate.ofEpochDay(p);
            RuleSetVersion v = versionOn(p);
            boolean out = RuleSet.of(v == null ? RuleSetVersion.V2015 : v).outOfSchool(person, d);
            if (out && !prev) {
                since = d;
            } else if (!out) {
                since = null;
            }
            prev = out;
        }
        return since;
    }

    static Result run(PersonContext person, MunicipalityCode m, LocalDate until) {
        return run(person, m, until, until);
    }

    /**
     * Walks up to and including {@code until}, the facts being known on {@code knownOn} (on or after
     * {@code until}): a school change whose window has passed by then no longer holds her back.
     */
    static Result run(PersonContext person, MunicipalityCode m, LocalDate until, LocalDate knownOn) {
        final int home = Condition.HOME_MUNICIPALITY.bit();
        final int age = Condition.AGE.bit();
        final int compulsory = Condition.COMPULSORY_SCHOOLING_DONE.bit();
        final int notInUpper = Condition.NOT_IN_UPPER_SECONDARY.bit();
        final int noDiploma = Condition.NO_DIPLOMA.bit();
        final int alive = Condition.ALIVE_AND_NOT_EMIGRATED.bit();

        List<Episode> episodes = new ArrayList<>(2);
        Episode open = null;
        int prevMask = 0;
        boolean prevMember = false;
        boolean prevHeld = false;
        RuleSetVersion prevVersion = null;
        LocalDate spellStart = null;
        EntryKind spellKind = null;
        boolean held = false;
        long last = until.toEpochDay();

        for (int p : person.changePoints()) {
            if (p > last) {
                break;
            }
            LocalDate d = LocalDate.ofEpochDay(p);
            RuleSetVersion version = versionOn(p);
            RuleSet rules = RuleSet.of(version == null ? RuleSetVersion.V2015 : version);
            int mask = rules.satisfied(person, m, d);

            boolean out = (mask & compulsory) != 0 && (mask & notInUpper) != 0;
            if (!out) {
                spellStart = null;
                spellKind = null;
            } else if (spellStart == null) {
                spellStart = d;
                spellKind = (prevMask & compulsory) == 0 ? compulsoryKind(rules, person) : EntryKind.LEFT_SCHOOL;
            }
            boolean statutory = (mask & RuleSet.ALL_STATUTORY) == RuleSet.ALL_STATUTORY;
            held = statutory && rules.summerTransition().holds(person, d, spellStart, knownOn);
            boolean member = version != null && statutory && !held;

            if (member && !prevMember) {
                EntryKind kind;
                int gained = mask & ~prevMask;
                if (version != prevVersion && (rules.satisfied(person, m, d.minusDays(1)) & RuleSet.ALL_STATUTORY)
                        == RuleSet.ALL_STATUTORY) {
                    kind = EntryKind.RULES_CHANGED;
                } else if ((gained & compulsory) != 0) {
                    kind = compulsoryKind(rules, person);
                } else if ((gained & alive) != 0) {
                    kind = EntryKind.IMMIGRATED;
                } else if ((gained & notInUpper) != 0) {
                    kind = EntryKind.LEFT_SCHOOL;
                } else if (prevHeld && spellKind != null) {
                    kind = spellKind;
                } else if ((gained & home) != 0) {
                    kind = EntryKind.MOVED_IN;
                } else {
                    kind = EntryKind.LEFT_SCHOOL;
                }
                open = new Episode(m, d, rules.reasons().reason(person, d), kind, version, null, null);
            } else if (!member && prevMember) {
                int lost = prevMask & ~mask;
                ExitReason why;
                if ((lost & alive) != 0) {
                    PersonContext.StatusChange s = person.statusOn(d);
                    why = s != null && s.status() == RegistrationStatus.AVLIDEN ? ExitReason.AVLIDEN : ExitReason.UTVANDRAD;
                } else if ((lost & age) != 0) {
                    why = ExitReason.FYLLT_20;
                } else if ((lost & noDiploma) != 0) {
                    why = ExitReason.EXAMEN;
                } else if ((lost & notInUpper) != 0 || held || (lost & compulsory) != 0) {
                    why = ExitReason.PABORJAT_UTBILDNING;
                } else if ((lost & home) != 0) {
                    why = ExitReason.UTFLYTTAD;
                } else {
                    why = ExitReason.PABORJAT_UTBILDNING;
                }
                episodes.add(open.closed(d, why));
                open = null;
            }
            prevMask = mask;
            prevMember = member;
            prevHeld = held;
            prevVersion = version;
        }
        if (open != null) {
            episodes.add(open);
        }
        return new Result(List.copyOf(episodes), open, spellStart, held);
    }

    private static EntryKind compulsoryKind(RuleSet rules, PersonContext person) {
        return rules.compulsorySchooling().byImmigrationClause(person) ? EntryKind.IMMIGRATED : EntryKind.SKOLPLIKT_ENDED;
    }
}
