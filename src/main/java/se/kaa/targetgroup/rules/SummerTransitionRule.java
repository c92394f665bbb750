package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.List;

import se.kaa.intake.AdmissionFact;
import se.kaa.intake.EnrolmentFact;
import se.kaa.intake.SchoolType;
import se.kaa.shared.MunicipalityCode;

/**
 * The summer transition (PRODUCT.md, "Summer transition"): not a condition of skollagen 29 kap.
 * 9 §, but the register's reading of it for pupils between schools. A pupil admitted (ANTAGEN) to a
 * programme starting on S is "expected to start", not a member, until S + graceDays; with no
 * GY/GYS/MOTSV enrolment by then she becomes a member the day after.
 *
 * <p>It only holds back people coming out of school, never an existing member. Precisely, she is
 * held back on date D when
 * <ol>
 *   <li>she has been out of school (compulsory schooling done and not in upper secondary as the
 *       rule set in force counts it) without a break since E, with E ≤ D;</li>
 *   <li>an ANTAGEN admission starts on S with S − admissionWindowDays ≤ E ≤ S (she left school
 *       shortly before the programme starts: grade 9 leavers, programme changers) and
 *       D ≤ S + graceDays;</li>
 *   <li>she has had no GY/GYS/MOTSV enrolment (IM included, under every rule set) since E.</li>
 * </ol>
 * Someone who dropped out long before the admission window, or who has started and left again,
 * is not held back.
 */
public final class SummerTransitionRule implements ConditionRule {

    @Override
    public Condition condition() {
        return Condition.NOT_EXPECTED_TO_START;
    }

    /** The admission that holds her back on {@code date}, or {@code null}. */
    public AdmissionFact holdingAdmission(PersonContext person, LocalDate date, LocalDate outOfSchoolSince) {
        if (outOfSchoolSince == null || date.isBefore(outOfSchoolSince)) {
            return null;
        }
        int window = person.settings().admissionWindowDays();
        int grace = person.settings().graceDays();
        AdmissionFact found = null;
        for (AdmissionFact a : person.admitted()) {
            LocalDate start = a.start();
            if (outOfSchoolSince.isBefore(start.minusDays(window)) || outOfSchoolSince.isAfter(start)
                    || date.isAfter(start.plusDays(grace))) {
                continue;
            }
            found = a; // sorted by start: the last one holds longest
        }
        if (found == null || enrolledBetween(person, outOfSchoolSince, date)) {
            return null;
        }
        return found;
    }

    boolean holds(PersonContext person, LocalDate date, LocalDate outOfSchoolSince) {
        return holdingAdmission(person, date, outOfSchoolSince) != null;
    }

    private static boolean enrolledBetween(PersonContext person, LocalDate from, LocalDate to) {
        for (EnrolmentFact e : person.enrolments()) {
            if (e.start().isAfter(to)) {
                break;
            }
            if ((e.schoolType().isUpperSecondary() || e.schoolType() == SchoolType.MOTSV)
                    && (e.end() == null || !e.end().isBefore(from))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean test(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        return !holds(person, date, Walk.outOfSchoolSince(person, date));
    }

    @Override
    public ConditionOutcome evaluate(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        return evaluate(person, date, Walk.outOfSchoolSince(person, date));
    }

    /** The outcome given when she has been out of school since {@code outOfSchoolSince} (or {@code null}). */
    public ConditionOutcome evaluate(PersonContext person, LocalDate date, LocalDate outOfSchoolSince) {
        int grace = person.settings().graceDays();
        AdmissionFact holding = holdingAdmission(person, date, outOfSchoolSince);
        if (holding != null) {
            return new ConditionOutcome(condition(), false, List.of(Finding.of(FindingKey.TRANSITION_EXPECTED,
                    holding.provenance(), holding.programme(), holding.start(), outOfSchoolSince,
                    holding.start().plusDays(grace))));
        }
        // Explain the most recent admission that could have mattered by now.
        AdmissionFact latest = null;
        for (AdmissionFact a : person.admitted()) {
            if (!a.start().minusDays(person.settings().admissionWindowDays()).isAfter(date)) {
                latest = a;
            }
        }
        if (latest == null) {
            return new ConditionOutcome(condition(), true, List.of(Finding.of(FindingKey.TRANSITION_NONE)));
        }
        FindingKey key;
        if (outOfSchoolSince == null || enrolledBetween(person, outOfSchoolSince, date)) {
            key = FindingKey.TRANSITION_STARTED;
        } else if (outOfSchoolSince.isBefore(latest.start().minusDays(person.settings().admissionWindowDays()))) {
            key = FindingKey.TRANSITION_BEFORE_WINDOW;
        } else if (date.isAfter(latest.start().plusDays(grace))) {
            key = FindingKey.TRANSITION_EXPIRED;
        } else {
            key = FindingKey.TRANSITION_STARTED; // left again after starting: the admission is used
        }
        Finding f = switch (key) {
            case TRANSITION_BEFORE_WINDOW -> Finding.of(key, latest.provenance(), latest.programme(), latest.start(),
                    outOfSchoolSince);
            case TRANSITION_EXPIRED -> Finding.of(key, latest.provenance(), latest.programme(), latest.start(),
                    latest.start().plusDays(grace));
            default -> Finding.of(key, latest.provenance(), latest.programme(), latest.start());
        };
        return new ConditionOutcome(condition(), true, List.of(f));
    }
}
