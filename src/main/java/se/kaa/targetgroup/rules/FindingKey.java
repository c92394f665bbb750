package se.kaa.targetgroup.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * Every message a {@link Finding} can carry: the key of its Swedish text in
 * {@code i18n/targetgroup.properties} and an English pattern for tests and logs. Arguments are
 * strings (dates as ISO-8601), never a personnummer.
 */
public enum FindingKey {
    RULESET_NONE("ruleset.none", "no rule set applies on {0}: the rules of the register start on 2015-01-01"),
    RULESET_SELECTED("ruleset.selected", "rule set {0} of skollagen 29 kap. 9 § (in force from {1})"),

    HOME_REGISTERED("home.registered", "folkbokförd in {0} since {1} (listed in the snapshot of {2})"),
    HOME_PLACED("home.placed", "placed in {0} from {1} by a manual decision"),
    HOME_PLACED_UNTIL("home.placedUntil", "placed in {0} from {1} to {2} by a manual decision"),
    HOME_NEVER("home.never", "never folkbokförd or placed in {0}"),
    HOME_NOT_YET("home.notYet", "not folkbokförd in {0} until {1}"),
    HOME_MOVED_OUT_MISSING("home.movedOut.missing", "not folkbokförd in {0} since {1}: missing from the snapshot of that day"),
    HOME_MOVED_OUT_ELSEWHERE("home.movedOut.elsewhere", "not folkbokförd in {0} since {1}: folkbokförd in {2} from that day"),
    HOME_MOVED_OUT_REREGISTERED("home.movedOut.reregistered", "not folkbokförd in {0} from {1} until she registered there again"),
    HOME_PLACEMENT_ENDED("home.placementEnded", "the placement in {0} ended on {1}"),

    AGE_UNDER_20("age.under20", "under 20: turns 20 on {0}"),
    AGE_TURNED_20("age.turned20", "turned 20 on {0}: the activity responsibility ends on the 20th birthday"),

    COMPULSORY_ENDED_ENROLMENT("compulsory.endedPerEnrolment", "compulsory schooling ({1}) ended on {0} per the enrolment''s end date"),
    COMPULSORY_ENDED_DEFAULT("compulsory.endedDefault", "compulsory schooling ended on {0}, the end of the spring term of the year she turned {1}"),
    COMPULSORY_ONGOING_ENROLMENT("compulsory.ongoingEnrolment", "in compulsory school ({1}) until {0}"),
    COMPULSORY_ONGOING_DEFAULT("compulsory.ongoingDefault", "compulsory schooling ends on {0}, the end of the spring term of the year she turns {1}"),
    COMPULSORY_ANPASSAD("compulsory.anpassad", "enrolled in anpassad grundskola (GRS) from {0}: compulsory schooling lasts one year longer"),
    COMPULSORY_IMMIGRATED_CLAUSE("compulsory.immigratedAfterSchoolAge", "first folkbokförd in Sweden on {0}, after compulsory-school age (which ended {1}): in the group by the immigration clause"),
    COMPULSORY_IMMIGRATED_NO_CLAUSE("compulsory.immigratedNoClause", "first folkbokförd in Sweden on {0}, after compulsory-school age: never subject to Swedish skolplikt, and this rule set has no immigration clause"),
    COMPULSORY_NOT_YET_IMMIGRATED("compulsory.notYetImmigrated", "first folkbokförd in Sweden only on {0}"),

    UPPER_ENROLLED("upper.enrolled", "enrolled in {0} {1} from {2} (open)"),
    UPPER_ENROLLED_UNTIL("upper.enrolledUntil", "enrolled in {0} {1} from {2} to {3}"),
    UPPER_NOT_COUNTING("upper.notCounting", "enrolled in {0} {1} from {2}, which does not take anyone out of the group under this rule set"),
    UPPER_LEFT("upper.left", "no GY/GYS enrolment since {0} (left {1} {2})"),
    UPPER_NEVER("upper.never", "no GY/GYS or equivalent enrolment"),

    TRANSITION_EXPECTED("transition.expected", "expected to start: admitted to {0} starting {1}, out of school since {2}; not counted until after {3}"),
    TRANSITION_ENROLMENT_AHEAD("transition.enrolmentAhead", "expected to start after compulsory school: enrolled in {0} from {1}, out of school since {2}"),
    TRANSITION_SCHOOL_CHANGE("transition.schoolChange", "changing school: left {0} {1} on {2} (BYTE) and enrolled in {3} from {4}, within the school-change window: the gap does not count"),
    TRANSITION_SCHOOL_CHANGE_PENDING("transition.schoolChangePending", "changing school: left {0} {1} on {2} (BYTE); not counted while a new enrolment may still begin, until {3}; if none begins by then, counted from {4} (interpretation)"),
    TRANSITION_SCHOOL_CHANGE_LAPSED("transition.schoolChangeLapsed", "left {0} {1} on {2} to change school (BYTE), but no new enrolment began by {3}: counted as having left upper secondary from {4} (interpretation)"),
    TRANSITION_LATER_ENROLMENT("transition.laterEnrolment", "enrolled in {0} from {1}; counted until then (out of school since {2}): only an admission, or a start within the admission window after compulsory school, holds someone back"),
    TRANSITION_EXPIRED("transition.expired", "admitted to {0} starting {1}, but not enrolled by {2}"),
    TRANSITION_BEFORE_WINDOW("transition.beforeWindow", "admitted to {0} starting {1}, but out of school since {2}, before the admission window: stays in the group"),
    TRANSITION_STARTED("transition.started", "admitted to {0} starting {1}: started, or not out of school"),
    TRANSITION_NONE("transition.none", "no admission pending"),

    DIPLOMA_HELD("diploma.held", "holds {0} of {1}"),
    DIPLOMA_NONE("diploma.none", "no examen, gymnasiebevis or completed equivalent education"),
    DIPLOMA_STUDIEBEVIS_DOES_NOT_COUNT("diploma.studiebevisDoesNotCount", "studiebevis of {0}, which does not take anyone out of the group"),
    DIPLOMA_STUDIEBEVIS_AFTER_FULL_PROGRAMME("diploma.studiebevisAfterFullProgramme", "studiebevis of {0} after completing the national programme {1} on {2}: upper secondary completed under rule set 2015"),
    DIPLOMA_STUDIEBEVIS_WITHOUT_FULL_PROGRAMME("diploma.studiebevisWithoutFullProgramme", "studiebevis of {0} without a completed national programme"),

    ALIVE_NORMAL("alive.normal", "folkbokföring status normal"),
    ALIVE_DECEASED("alive.deceased", "deceased per the snapshot of {0}"),
    ALIVE_EMIGRATED("alive.emigrated", "emigrated per the snapshot of {0}"),
    ALIVE_RETURNED("alive.returned", "back in Sweden since {0} after emigrating"),

    REASON_IM("reason.IM", "reason IM: on the introduktionsprogram {0} since {1}"),
    REASON_STUDIEBEVIS("reason.STUDIEBEVIS", "reason STUDIEBEVIS: studiebevis of {0} and no examen"),
    REASON_AVBROTT("reason.AVBROTT", "reason AVBROTT: left {0} {1} on {2} without examen"),
    REASON_INVANDRAD("reason.INVANDRAD", "reason INVANDRAD: first folkbokförd in Sweden on {0}, never in GY/GYS"),
    REASON_EJ_PABORJAT("reason.EJ_PABORJAT", "reason EJ_PABORJAT: never started upper secondary");

    /** Prefix of every key in the properties file. */
    public static final String PREFIX = "targetgroup.finding.";

    private static final Map<String, FindingKey> BY_KEY = new HashMap<>();

    static {
        for (FindingKey k : values()) {
            BY_KEY.put(k.key, k);
        }
    }

    private final String key;
    private final String english;

    FindingKey(String suffix, String english) {
        this.key = PREFIX + suffix;
        this.english = english;
    }

    /** The message key, e.g. {@code targetgroup.finding.upper.left}. */
    public String key() {
        return key;
    }

    /** The English MessageFormat pattern. */
    public String english() {
        return english;
    }

    static FindingKey byKey(String key) {
        return BY_KEY.get(key);
    }
}
