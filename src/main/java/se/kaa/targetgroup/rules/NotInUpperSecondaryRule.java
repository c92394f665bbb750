package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import se.kaa.intake.EnrolmentFact;
import se.kaa.intake.SchoolType;
import se.kaa.shared.MunicipalityCode;

/**
 * Condition 4 (skollagen 29 kap. 9 §: "inte genomför ... utbildning i gymnasieskolan eller
 * gymnasiesärskolan [anpassade gymnasieskolan] eller motsvarande utbildning"): not enrolled on the
 * date in GY, GYS or equivalent education (MOTSV). Rule set 2015 ("nationella program") counts only
 * national programmes, so an introduktionsprogram pupil stays in the group; since SFS 2018:608
 * (2018-07-01) every GY/GYS enrolment counts, IM included. Komvux (VUX) and folkhögskola (FHS)
 * never count: they are an occupation. Enrolment dates are inclusive.
 */
public final class NotInUpperSecondaryRule implements ConditionRule {

    private final boolean introductoryProgrammesCount;

    /** @param introductoryProgrammesCount whether an IM enrolment takes her out of the group */
    public NotInUpperSecondaryRule(boolean introductoryProgrammesCount) {
        this.introductoryProgrammesCount = introductoryProgrammesCount;
    }

    public boolean introductoryProgrammesCount() {
        return introductoryProgrammesCount;
    }

    @Override
    public Condition condition() {
        return Condition.NOT_IN_UPPER_SECONDARY;
    }

    /** Whether this enrolment takes her out of the group while it lasts. */
    public boolean counts(EnrolmentFact e) {
        if (e.schoolType() == SchoolType.MOTSV) {
            return true;
        }
        return e.schoolType().isUpperSecondary() && (introductoryProgrammesCount || !e.isIntroductoryProgramme());
    }

    @Override
    public boolean test(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        for (EnrolmentFact e : person.enrolments()) {
            if (e.start().isAfter(date)) {
                break;
            }
            if (e.covers(date) && counts(e)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ConditionOutcome evaluate(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        List<Finding> findings = new ArrayList<>(2);
        List<Finding> notCounting = new ArrayList<>(1);
        EnrolmentFact lastEnded = null;
        for (EnrolmentFact e : person.enrolments()) {
            if (e.start().isAfter(date)) {
                break;
            }
            if (e.covers(date)) {
                if (counts(e)) {
                    findings.add(e.end() == null
                            ? Finding.of(FindingKey.UPPER_ENROLLED, e.provenance(), e.schoolType(), e.programme(), e.start())
                            : Finding.of(FindingKey.UPPER_ENROLLED_UNTIL, e.provenance(), e.schoolType(), e.programme(),
                                    e.start(), e.end()));
                } else if (!e.schoolType().isCompulsory()) {
                    notCounting.add(Finding.of(FindingKey.UPPER_NOT_COUNTING, e.provenance(), e.schoolType(),
                            e.programme(), e.start()));
                }
            } else if (counts(e) && e.end() != null && (lastEnded == null || e.end().isAfter(lastEnded.end()))) {
                lastEnded = e;
            }
        }
        if (!findings.isEmpty()) {
            return new ConditionOutcome(condition(), false, findings);
        }
        if (lastEnded != null) {
            findings.add(Finding.of(FindingKey.UPPER_LEFT,
                    lastEnded.endProvenance() != null ? lastEnded.endProvenance() : lastEnded.provenance(),
                    lastEnded.end().plusDays(1), lastEnded.schoolType(), lastEnded.programme()));
        } else {
            findings.add(Finding.of(FindingKey.UPPER_NEVER));
        }
        findings.addAll(notCounting);
        return new ConditionOutcome(condition(), true, findings);
    }
}
