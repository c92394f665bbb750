package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.List;

import se.kaa.intake.AdmissionFact;
import se.kaa.intake.EnrolmentFact;
import se.kaa.intake.Provenance;
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
 *   <li>a start is expected on S with S − admissionWindowDays ≤ E ≤ S (she left school shortly
 *       before the programme starts: grade 9 leavers, programme changers), and D ≤ S + graceDays.
 *       An expected start is an ANTAGEN admission; only when no admission falls in the window, a
 *       known GY/GYS/MOTSV enrolment beginning on S counts as one (the register often learns of
 *       enrolments without the admission: a grade 9 leaver who started in August was never a
 *       member in June);</li>
 *   <li>she has had no GY/GYS/MOTSV enrolment (IM included, under every rule set) since E.</li>
 * </ol>
 * Someone who dropped out long before the admission window, or who has started and left again,
 * is not held back.
 */
public final class SummerTransitionRule implements ConditionRule {

    /** A start she is expected to make: an admission, or an enrolment that begins on {@code start}. */
    public record ExpectedStart(String programme, LocalDate start, Provenance provenance, boolean enrolment) {
    }

    @Override
    public Condition condition() {
        return Condition.NOT_EXPECTED_TO_START;
    }

    /** The expected start that holds her back on {@code date}, or {@code null}. */
    public ExpectedStart holdingStart(PersonContext person, LocalDate date, LocalDate outOfSchoolSince) {
        if (outOfSchoolSince == null || date.isBefore(outOfSchoolSince)) {
            return null;
        }
        int window = person.settings().admissionWindowDays();
        int grace = person.settings().graceDays();
        ExpectedStart found = null;
        boolean admitted = false;
        for (AdmissionFact a : person.admitted()) {
            LocalDate start = a.start();
            if (inWindow(outOfSchoolSince, start, window)) {
                admitted = true;
                if (!date.isAfter(start.plusDays(grace))) {
                    found = new ExpectedStart(a.programme(), start, a.provenance(), false); // the last holds longest
                }
            }
        }
        if (!admitted) {
            // No admission known: a known enrolment starting within the window is the expected start.
            for (EnrolmentFact e : person.enrolments()) {
                if (isUpper(e) && inWindow(outOfSchoolSince, e.start(), window) && !date.isAfter(e.start())) {
                    found = new ExpectedStart(e.programme(), e.start(), e.provenance(), true);
                    break;
                }
            }
        }
        if (found == null || enrolledBetween(person, outOfSchoolSince, date)) {
            return null;
        }
        return found;
    }

    private static boolean inWindow(LocalDate outOfSchoolSince, LocalDate start, int window) {
        return !outOfSchoolSince.isBefore(start.minusDays(window)) && !outOfSchoolSince.isAfter(start);
    }

    private static boolean isUpper(EnrolmentFact e) {
        return e.schoolType().isUpperSecondary() || e.schoolType() == SchoolType.MOTSV;
    }

    boolean holds(PersonContext person, LocalDate date, LocalDate outOfSchoolSince) {
        return holdingStart(person, date, outOfSchoolSince) != null;
    }

    private static boolean enrolledBetween(PersonContext person, LocalDate from, LocalDate to) {
        for (EnrolmentFact e : person.enrolments()) {
            if (e.start().isAfter(to)) {
                break;
            }
            if (isUpper(e) && (e.end() == null || !e.end().isBefore(from))) {
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
        ExpectedStart holding = holdingStart(person, date, outOfSchoolSince);
        if (holding != null) {
            Finding f = holding.enrolment()
                    ? Finding.of(FindingKey.TRANSITION_ENROLMENT_AHEAD, holding.provenance(), holding.programme(),
                            holding.start(), outOfSchoolSince)
                    : Finding.of(FindingKey.TRANSITION_EXPECTED, holding.provenance(), holding.programme(),
                            holding.start(), outOfSchoolSince, holding.start().plusDays(grace));
            return new ConditionOutcome(condition(), false, List.of(f));
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
        if (outOfSchoolSince == null || enrolledBetween(person, outOfSchoolSince, date)
                || outOfSchoolSince.isAfter(latest.start())) {
            key = FindingKey.TRANSITION_STARTED; // in school, or started and left again: the admission is used
        } else if (outOfSchoolSince.isBefore(latest.start().minusDays(person.settings().admissionWindowDays()))) {
            key = FindingKey.TRANSITION_BEFORE_WINDOW;
        } else {
            key = FindingKey.TRANSITION_EXPIRED;
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
