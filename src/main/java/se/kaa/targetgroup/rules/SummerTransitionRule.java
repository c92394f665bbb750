package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.List;

import se.kaa.intake.AdmissionFact;
import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.EnrolmentFact;
import se.kaa.intake.Provenance;
import se.kaa.intake.SchoolType;
import se.kaa.shared.MunicipalityCode;

/**
 * The summer transition and the school change: not conditions of skollagen 29 kap. 9 §, but the
 * register's reading of it for pupils between schools (PRODUCT.md, "Summer transition"). On these
 * days she is "expected to start", not a member, although the six statutory conditions hold.
 *
 * <p>It only ever holds back someone coming out of school, never an existing member, and never on
 * the strength of hindsight alone: a pupil who left upper secondary (AVBROTT) is a member from the
 * day after she left until the day she is enrolled again, even when the register later learns of
 * that enrolment. Precisely, with E the first day of her unbroken spell out of school (compulsory
 * schooling done and not in upper secondary as the rule set in force counts it), E ≤ D, and no
 * GY/GYS/MOTSV enrolment (IM included, under every rule set) since E, she is held back on D by
 * <ol>
 *   <li><b>an admission</b>: an ANTAGEN admission to a programme starting on S with
 *       S − admissionWindowDays ≤ E ≤ S, while D ≤ S + graceDays. The admission is a decision about
 *       her future the school already had: it holds grade 9 leavers and programme changers alike;</li>
 *   <li><b>the move from compulsory school</b>: when no admission falls in that window and her spell
 *       began with the end of compulsory schooling (a grade 9 leaver, not a newcomer under the
 *       immigration clause), a known GY/GYS/MOTSV enrolment beginning on S in the window holds her
 *       until S (the register often learns of the August enrolment without the admission: she was
 *       never a member in June);</li>
 *   <li><b>a school change</b>: her spell began the day after an upper-secondary enrolment ended with
 *       BYTE on day B, and D ≤ B + schoolChangeDays. When a new GY/GYS/MOTSV enrolment begins on
 *       S ≤ B + schoolChangeDays, she is held until S: the gap never counts. When none is known she is
 *       held only while the window is still running on {@code knownOn} (the day the facts are known
 *       on, normally today); once it has passed without a new start, the change turned out to be a
 *       departure and she counts from B + 1, like a drop-out (our interpretation).</li>
 * </ol>
 */
public final class SummerTransitionRule implements ConditionRule {

    /** Why she is held back. */
    public enum Hold {
        /** an ANTAGEN admission to a programme starting soon */
        ADMISSION,
        /** a grade 9 leaver whose known upper-secondary enrolment begins soon */
        FROM_COMPULSORY_SCHOOL,
        /** a school change (BYTE) followed by a new enrolment within the change window */
        SCHOOL_CHANGE,
        /** a school change (BYTE) whose window is still running, no new enrolment known yet */
        SCHOOL_CHANGE_PENDING
    }

    /**
     * What holds her back on a day: the expected start (programme, start date, its source) and, for
     * a school change, the enrolment she left; {@code start} is {@code null} while a change is pending.
     */
    public record ExpectedStart(Hold kind, String programme, LocalDate start, Provenance provenance, EnrolmentFact left) {
    }

    @Override
    public Condition condition() {
        return Condition.NOT_EXPECTED_TO_START;
    }

    /**
     * What holds her back on {@code date}, or {@code null}, the facts being known on {@code knownOn}
     * (which only matters for a school change whose window has not yet passed).
     */
    public ExpectedStart holdingStart(PersonContext person, LocalDate date, LocalDate outOfSchoolSince, LocalDate knownOn) {
        if (outOfSchoolSince == null || date.isBefore(outOfSchoolSince)
                || enrolledBetween(person, outOfSchoolSince, date)) {
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
                    // the last holds longest
                    found = new ExpectedStart(Hold.ADMISSION, a.programme(), start, a.provenance(), null);
                }
            }
        }
        if (found != null) {
            return found;
        }
        if (!admitted && fromCompulsorySchool(person, outOfSchoolSince)) {
            for (EnrolmentFact e : person.enrolments()) {
                if (isUpper(e) && inWindow(outOfSchoolSince, e.start(), window) && !date.isAfter(e.start())) {
                    return new ExpectedStart(Hold.FROM_COMPULSORY_SCHOOL, e.programme(), e.start(), e.provenance(), null);
                }
            }
        }
        EnrolmentFact left = schoolChangeLeft(person, outOfSchoolSince);
        if (left != null) {
            LocalDate lastDay = schoolChangeLastDay(person, left);
            if (!date.isAfter(lastDay)) {
                EnrolmentFact next = nextEnrolment(person, left.end(), lastDay);
                if (next != null) {
                    return new ExpectedStart(Hold.SCHOOL_CHANGE, next.programme(), next.start(), next.provenance(), left);
                }
                if (!knownOn.isAfter(lastDay)) {
                    return new ExpectedStart(Hold.SCHOOL_CHANGE_PENDING, null, null, null, left);
                }
            }
        }
        return null;
    }

    /**
     * Whether her spell out of school that began on {@code outOfSchoolSince} is the move from
     * compulsory school: it began the day after compulsory schooling ended, and not by the
     * immigration clause (a newcomer has no school she is moving on from).
     */
    static boolean fromCompulsorySchool(PersonContext person, LocalDate outOfSchoolSince) {
        return !person.immigratedAfterSchoolAge() && outOfSchoolSince.equals(person.compulsoryLastDay().plusDays(1));
    }

    /** The upper-secondary enrolment ended with BYTE whose end began the spell, or {@code null}. */
    static EnrolmentFact schoolChangeLeft(PersonContext person, LocalDate outOfSchoolSince) {
        if (outOfSchoolSince == null) {
            return null;
        }
        LocalDate lastInSchool = outOfSchoolSince.minusDays(1);
        for (EnrolmentFact e : person.enrolments()) {
            if (e.start().isAfter(lastInSchool)) {
                break;
            }
            if (isUpper(e) && e.endReason() == EnrolmentEndReason.BYTE && lastInSchool.equals(e.end())) {
                return e;
            }
        }
        return null;
    }

    /** The last day of the change window after {@code left}: its end + schoolChangeDays. */
    static LocalDate schoolChangeLastDay(PersonContext person, EnrolmentFact left) {
        return left.end().plusDays(person.settings().schoolChangeDays());
    }

    /** The first GY/GYS/MOTSV enrolment beginning after {@code after} and by {@code by}, or {@code null}. */
    private static EnrolmentFact nextEnrolment(PersonContext person, LocalDate after, LocalDate by) {
        for (EnrolmentFact e : person.enrolments()) {
            if (e.start().isAfter(by)) {
                break;
            }
            if (isUpper(e) && e.start().isAfter(after)) {
                return e;
            }
        }
        return null;
    }

    private static boolean inWindow(LocalDate outOfSchoolSince, LocalDate start, int window) {
        return !outOfSchoolSince.isBefore(start.minusDays(window)) && !outOfSchoolSince.isAfter(start);
    }

    private static boolean isUpper(EnrolmentFact e) {
        return e.schoolType().isUpperSecondary() || e.schoolType() == SchoolType.MOTSV;
    }

    boolean holds(PersonContext person, LocalDate date, LocalDate outOfSchoolSince, LocalDate knownOn) {
        return holdingStart(person, date, outOfSchoolSince, knownOn) != null;
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
        return !holds(person, date, Walk.outOfSchoolSince(person, date), date);
    }

    @Override
    public ConditionOutcome evaluate(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        return evaluate(person, date, Walk.outOfSchoolSince(person, date), date);
    }

    /**
     * The outcome given when she has been out of school since {@code outOfSchoolSince} (or
     * {@code null}), the facts being known on {@code knownOn}.
     */
    public ConditionOutcome evaluate(PersonContext person, LocalDate date, LocalDate outOfSchoolSince, LocalDate knownOn) {
        int grace = person.settings().graceDays();
        ExpectedStart holding = holdingStart(person, date, outOfSchoolSince, knownOn);
        if (holding != null) {
            EnrolmentFact left = holding.left();
            Finding f = switch (holding.kind()) {
                case ADMISSION -> Finding.of(FindingKey.TRANSITION_EXPECTED, holding.provenance(), holding.programme(),
                        holding.start(), outOfSchoolSince, holding.start().plusDays(grace));
                case FROM_COMPULSORY_SCHOOL -> Finding.of(FindingKey.TRANSITION_ENROLMENT_AHEAD, holding.provenance(),
                        holding.programme(), holding.start(), outOfSchoolSince);
                case SCHOOL_CHANGE -> Finding.of(FindingKey.TRANSITION_SCHOOL_CHANGE, holding.provenance(),
                        left.schoolType(), left.programme(), left.end(), holding.programme(), holding.start());
                case SCHOOL_CHANGE_PENDING -> Finding.of(FindingKey.TRANSITION_SCHOOL_CHANGE_PENDING, endSource(left),
                        left.schoolType(), left.programme(), left.end(), schoolChangeLastDay(person, left),
                        outOfSchoolSince);
            };
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
            return new ConditionOutcome(condition(), true, List.of(notHeldWithoutAdmission(person, date, outOfSchoolSince)));
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

    /** Why nothing holds her back when no admission is in play. */
    private Finding notHeldWithoutAdmission(PersonContext person, LocalDate date, LocalDate outOfSchoolSince) {
        if (outOfSchoolSince == null || date.isBefore(outOfSchoolSince) || enrolledBetween(person, outOfSchoolSince, date)) {
            return Finding.of(FindingKey.TRANSITION_NONE);
        }
        EnrolmentFact left = schoolChangeLeft(person, outOfSchoolSince);
        if (left != null) {
            return Finding.of(FindingKey.TRANSITION_SCHOOL_CHANGE_LAPSED, endSource(left), left.schoolType(),
                    left.programme(), left.end(), schoolChangeLastDay(person, left), outOfSchoolSince);
        }
        for (EnrolmentFact e : person.enrolments()) {
            if (isUpper(e) && e.start().isAfter(date)) {
                // A later enrolment is known, but it does not make the time until then any less real.
                return Finding.of(FindingKey.TRANSITION_LATER_ENROLMENT, e.provenance(), e.programme(), e.start(),
                        outOfSchoolSince);
            }
        }
        return Finding.of(FindingKey.TRANSITION_NONE);
    }

    private static Provenance endSource(EnrolmentFact e) {
        return e.endProvenance() != null ? e.endProvenance() : e.provenance();
    }
}
