package se.kaa.targetgroup.rules;

import java.time.LocalDate;

import se.kaa.intake.CredentialFact;
import se.kaa.intake.CredentialType;
import se.kaa.intake.EnrolmentFact;
import se.kaa.intake.SchoolType;
import se.kaa.targetgroup.ReasonForRegistration;

/**
 * The reason for registration SCB asks for, decided on the day an episode begins, first match wins:
 * <ol>
 *   <li>IM – rule set 2015 only: on an introduktionsprogram that day;</li>
 *   <li>STUDIEBEVIS – holds a studiebevis (and, being a member, no examen);</li>
 *   <li>AVBROTT – had a GY/GYS (IM included) or equivalent enrolment that ended before that day;</li>
 *   <li>INVANDRAD – first folkbokförd in Sweden after compulsory-school age and never in GY/GYS;</li>
 *   <li>EJ_PABORJAT – otherwise: never started upper secondary.</li>
 * </ol>
 */
public final class RegistrationReasonRule {

    private final boolean introductoryProgrammeIsReason;

    /** @param introductoryProgrammeIsReason rule set 2015: IM pupils are members with reason IM */
    public RegistrationReasonRule(boolean introductoryProgrammeIsReason) {
        this.introductoryProgrammeIsReason = introductoryProgrammeIsReason;
    }

    public ReasonForRegistration reason(PersonContext person, LocalDate date) {
        return decide(person, date).reason;
    }

    /** The finding that explains the reason on {@code date}. */
    public Finding explain(PersonContext person, LocalDate date) {
        return decide(person, date).finding;
    }

    private record Decision(ReasonForRegistration reason, Finding finding) {
    }

    private Decision decide(PersonContext person, LocalDate date) {
        EnrolmentFact lastLeft = null;
        for (EnrolmentFact e : person.enrolments()) {
            if (e.start().isAfter(date)) {
                break;
            }
            boolean upper = e.schoolType().isUpperSecondary() || e.schoolType() == SchoolType.MOTSV;
            if (introductoryProgrammeIsReason && e.schoolType().isUpperSecondary() && e.isIntroductoryProgramme()
                    && e.covers(date)) {
                return new Decision(ReasonForRegistration.IM,
                        Finding.of(FindingKey.REASON_IM, e.provenance(), e.programme(), e.start()));
            }
            if (upper && e.end() != null && e.end().isBefore(date)
                    && (lastLeft == null || e.end().isAfter(lastLeft.end()))) {
                lastLeft = e;
            }
        }
        for (CredentialFact c : person.credentials()) {
            if (person.effectiveDate(c).isAfter(date)) {
                break;
            }
            if (c.type() == CredentialType.STUDIEBEVIS) {
                return new Decision(ReasonForRegistration.STUDIEBEVIS,
                        Finding.of(FindingKey.REASON_STUDIEBEVIS, c.provenance(), c.date()));
            }
        }
        if (lastLeft != null) {
            return new Decision(ReasonForRegistration.AVBROTT, Finding.of(FindingKey.REASON_AVBROTT,
                    lastLeft.endProvenance() != null ? lastLeft.endProvenance() : lastLeft.provenance(),
                    lastLeft.schoolType(), lastLeft.programme(), lastLeft.end()));
        }
        if (person.immigratedAfterSchoolAge()) {
            return new Decision(ReasonForRegistration.INVANDRAD, Finding.of(FindingKey.REASON_INVANDRAD,
                    person.firstImmigration().provenance(), person.firstImmigration().immigrationDate()));
        }
        return new Decision(ReasonForRegistration.EJ_PABORJAT, Finding.of(FindingKey.REASON_EJ_PABORJAT));
    }
}
