package se.kaa.targetgroup;

import java.time.MonthDay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the target group ({@code kaa.targetgroup.*}).
 *
 * @param graceDays           days after a programme's start before an admitted pupil without a
 *                            confirmed enrolment counts as never started (the roll call, ~31 August)
 * @param springTermEnd       end of the spring term, when compulsory schooling ends if no school
 *                            record says otherwise ({@code --MM-DD})
 * @param admissionWindowDays how long before a programme's start a pupil who left school is held
 *                            back as "expected to start"
 * @param schoolChangeDays    days after an enrolment ended with a school change (BYTE) within which a
 *                            new GY/GYS/MOTSV enrolment means the gap never counted
 *                            ({@code KAA_SCHOOL_CHANGE_DAYS})
 * @param recomputeChunk      persons loaded and recomputed together
 * @param catchUpOnStart      recompute everyone after a start when no full run happened today
 */
@ConfigurationProperties("kaa.targetgroup")
public record TargetGroupProperties(
        @DefaultValue("14") int graceDays,
        @DefaultValue("--06-15") MonthDay springTermEnd,
        @DefaultValue("90") int admissionWindowDays,
        @DefaultValue("14") int schoolChangeDays,
        @DefaultValue("2000") int recomputeChunk,
        @DefaultValue("true") boolean catchUpOnStart) {

    public TargetGroupSettings settings() {
        return new TargetGroupSettings(graceDays, springTermEnd, admissionWindowDays, schoolChangeDays);
    }
}
