package se.kaa.targetgroup;

import java.time.MonthDay;
import java.util.Objects;

/**
 * Tunable parts of the target-group rules.
 *
 * @param graceDays            days after a programme's start during which an admitted pupil is
 *                             still "expected to start" (default 14: the roll call around 31 August)
 * @param springTermEnd        last day of the spring term, when compulsory schooling ends where no
 *                             school record says otherwise (default 15 June)
 * @param admissionWindowDays  how long before a programme's start a pupil may have left school and
 *                             still be held back as "expected to start" (default 90: covers grade 9
 *                             leavers and programme changers of the spring term, not a pupil who
 *                             dropped out earlier and is already a member)
 * @param schoolChangeDays     how many days after an upper-secondary enrolment ended with a school
 *                             change (BYTE) the new enrolment may begin without the gap counting
 *                             (default 14); see {@code SummerTransitionRule}
 */
public record TargetGroupSettings(int graceDays, MonthDay springTermEnd, int admissionWindowDays,
        int schoolChangeDays) {

    public static final int DEFAULT_GRACE_DAYS = 14;
    public static final MonthDay DEFAULT_SPRING_TERM_END = MonthDay.of(6, 15);
    public static final int DEFAULT_ADMISSION_WINDOW_DAYS = 90;
    public static final int DEFAULT_SCHOOL_CHANGE_DAYS = 14;

    public TargetGroupSettings {
        Objects.requireNonNull(springTermEnd, "springTermEnd");
        if (graceDays < 0 || graceDays > 365) {
            throw new IllegalArgumentException("graceDays must be 0–365");
        }
        if (admissionWindowDays < 0 || admissionWindowDays > 365) {
            throw new IllegalArgumentException("admissionWindowDays must be 0–365");
        }
        if (schoolChangeDays < 0 || schoolChangeDays > 365) {
            throw new IllegalArgumentException("schoolChangeDays must be 0–365");
        }
    }

    public static TargetGroupSettings defaults() {
        return new TargetGroupSettings(DEFAULT_GRACE_DAYS, DEFAULT_SPRING_TERM_END, DEFAULT_ADMISSION_WINDOW_DAYS,
                DEFAULT_SCHOOL_CHANGE_DAYS);
    }

    public TargetGroupSettings withGraceDays(int days) {
        return new TargetGroupSettings(days, springTermEnd, admissionWindowDays, schoolChangeDays);
    }

    public TargetGroupSettings withSpringTermEnd(MonthDay day) {
        return new TargetGroupSettings(graceDays, day, admissionWindowDays, schoolChangeDays);
    }

    public TargetGroupSettings withAdmissionWindowDays(int days) {
        return new TargetGroupSettings(graceDays, springTermEnd, days, schoolChangeDays);
    }

    public TargetGroupSettings withSchoolChangeDays(int days) {
        return new TargetGroupSettings(graceDays, springTermEnd, admissionWindowDays, days);
    }
}
