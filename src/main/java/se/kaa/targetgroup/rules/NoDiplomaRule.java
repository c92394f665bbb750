package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import se.kaa.intake.CredentialFact;
import se.kaa.intake.CredentialType;
import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.EnrolmentFact;
import se.kaa.shared.MunicipalityCode;

/**
 * Condition 5 (skollagen 29 kap. 9 §: "inte har en examen från gymnasieskolan eller ett
 * gymnasiebevis från gymnasiesärskolan [anpassade gymnasieskolan] och inte har fullföljt motsvarande
 * utbildning"): holds no gymnasieexamen (GYEX_HOG, GYEX_YRK), no gymnasiebevis (GYSBEVIS) and has
 * not completed equivalent education (MOTSV_FULLFOLJD), each from its date.
 *
 * <p>A studiebevis never takes anyone out of the group since SFS 2018:608. Under rule set 2015 the
 * law spoke of having "fullföljt utbildning på nationella program", so a studiebevis after a
 * completed national programme (a GY/GYS non-IM enrolment that ended FULLFOLJT) counts as
 * completion from the later of the studiebevis date and the day after the enrolment ended.
 */
public final class NoDiplomaRule implements ConditionRule {

    private final boolean studiebevisAfterFullProgrammeCounts;

    /** @param studiebevisAfterFullProgrammeCounts rule set 2015: a studiebevis after a full national programme excludes */
    public NoDiplomaRule(boolean studiebevisAfterFullProgrammeCounts) {
        this.studiebevisAfterFullProgrammeCounts = studiebevisAfterFullProgrammeCounts;
    }

    @Override
    public Condition condition() {
        return Condition.NO_DIPLOMA;
    }

    static boolean isDiploma(CredentialType t) {
        return t != CredentialType.STUDIEBEVIS;
    }

    @Override
    public boolean test(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        for (CredentialFact c : person.credentials()) {
            if (person.effectiveDate(c).isAfter(date)) {
                break;
            }
            if (isDiploma(c.type())) {
                return false;
            }
            if (studiebevisAfterFullProgrammeCounts && completedNationalProgramme(person, date) != null) {
                return false;
            }
        }
        return true;
    }

    /** A national-programme enrolment that ended FULLFOLJT before {@code date}, or {@code null}. */
    static EnrolmentFact completedNationalProgramme(PersonContext person, LocalDate date) {
        for (EnrolmentFact e : person.enrolments()) {
            if (e.schoolType().isUpperSecondary() && !e.isIntroductoryProgramme()
                    && e.endReason() == EnrolmentEndReason.FULLFOLJT && e.end() != null && e.end().isBefore(date)) {
                return e;
            }
        }
        return null;
    }

    @Override
    public ConditionOutcome evaluate(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        List<Finding> findings = new ArrayList<>(2);
        boolean ok = true;
        for (CredentialFact c : person.credentials()) {
            if (person.effectiveDate(c).isAfter(date)) {
                break;
            }
            if (isDiploma(c.type())) {
                findings.add(Finding.of(FindingKey.DIPLOMA_HELD, c.provenance(), c.type(), c.date()));
                ok = false;
            } else if (!studiebevisAfterFullProgrammeCounts) {
                findings.add(Finding.of(FindingKey.DIPLOMA_STUDIEBEVIS_DOES_NOT_COUNT, c.provenance(), c.date()));
            } else {
                EnrolmentFact full = completedNationalProgramme(person, date);
                if (full != null) {
                    findings.add(Finding.of(FindingKey.DIPLOMA_STUDIEBEVIS_AFTER_FULL_PROGRAMME, c.provenance(),
                            c.date(), full.programme(), full.end()));
                    ok = false;
                } else {
                    findings.add(Finding.of(FindingKey.DIPLOMA_STUDIEBEVIS_WITHOUT_FULL_PROGRAMME, c.provenance(),
                            c.date()));
                }
            }
        }
        if (ok) {
            findings.add(0, Finding.of(FindingKey.DIPLOMA_NONE));
        }
        return new ConditionOutcome(condition(), ok, findings);
    }
}
