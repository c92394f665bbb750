package se.kaa.targetgroup.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import se.kaa.intake.EnrolmentFact;
import se.kaa.intake.PopulationFact;
import se.kaa.intake.Provenance;
import se.kaa.shared.MunicipalityCode;

/**
 * Condition 3 (skollagen 29 kap. 9 §: "som har fullgjort sin skolplikt"; the clause for those
 * first folkbokförda in Sweden after compulsory-school age was added by SFS 2018:608, in force
 * 2018-07-01).
 *
 * <p>Compulsory schooling ends at the end date of the last GR/GRS enrolment where known
 * (inclusive: out of school from the day after), otherwise at the end of the spring term of the
 * year she turns 16, or 17 when an anpassad grundskola (GRS) enrolment is known. Someone first
 * folkbokförd in Sweden after that date (with no Swedish compulsory-school record) never had
 * skolplikt here: without the immigration clause (rule set 2015) she is outside the group, with it
 * she is inside from her immigration date.
 */
public final class CompulsorySchoolingRule implements ConditionRule {

    private final boolean immigrationClause;

    /** @param immigrationClause whether the 2018 clause for late immigrants applies */
    public CompulsorySchoolingRule(boolean immigrationClause) {
        this.immigrationClause = immigrationClause;
    }

    public boolean immigrationClause() {
        return immigrationClause;
    }

    @Override
    public Condition condition() {
        return Condition.COMPULSORY_SCHOOLING_DONE;
    }

    @Override
    public boolean test(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        if (person.immigratedAfterSchoolAge()) {
            return immigrationClause && !date.isBefore(person.firstImmigration().immigrationDate());
        }
        return date.isAfter(person.compulsoryLastDay());
    }

    /** True when the condition holds on {@code date} by the immigration clause. */
    boolean byImmigrationClause(PersonContext person) {
        return immigrationClause && person.immigratedAfterSchoolAge();
    }

    @Override
    public ConditionOutcome evaluate(PersonContext person, MunicipalityCode municipality, LocalDate date) {
        boolean ok = test(person, municipality, date);
        List<Finding> findings = new ArrayList<>(2);
        if (person.immigratedAfterSchoolAge()) {
            PopulationFact imm = person.firstImmigration();
            LocalDate day = imm.immigrationDate();
            if (!immigrationClause) {
                findings.add(Finding.of(FindingKey.COMPULSORY_IMMIGRATED_NO_CLAUSE, imm.provenance(), day));
            } else if (ok) {
                findings.add(Finding.of(FindingKey.COMPULSORY_IMMIGRATED_CLAUSE, imm.provenance(), day,
                        person.schoolAgeEnd()));
            } else {
                findings.add(Finding.of(FindingKey.COMPULSORY_NOT_YET_IMMIGRATED, imm.provenance(), day));
            }
            return new ConditionOutcome(condition(), ok, findings);
        }
        EnrolmentFact grs = person.firstAnpassadEnrolment();
        if (grs != null) {
            findings.add(Finding.of(FindingKey.COMPULSORY_ANPASSAD, grs.provenance(), grs.start()));
        }
        LocalDate last = person.compulsoryLastDay();
        EnrolmentFact e = person.lastCompulsoryEnrolment();
        switch (person.compulsoryBasis()) {
            case ENROLMENT_END -> {
                Provenance p = e.endProvenance() != null ? e.endProvenance() : e.provenance();
                findings.add(Finding.of(ok ? FindingKey.COMPULSORY_ENDED_ENROLMENT : FindingKey.COMPULSORY_ONGOING_ENROLMENT,
                        p, last, e.schoolType()));
            }
            case OPEN_ENROLMENT -> findings.add(ok
                    ? Finding.of(FindingKey.COMPULSORY_ENDED_DEFAULT, last, 18)
                    : Finding.of(FindingKey.COMPULSORY_ONGOING_ENROLMENT, e.provenance(), last, e.schoolType()));
            case DEFAULT -> findings.add(Finding.of(
                    ok ? FindingKey.COMPULSORY_ENDED_DEFAULT : FindingKey.COMPULSORY_ONGOING_DEFAULT,
                    last, person.compulsoryAge()));
        }
        return new ConditionOutcome(condition(), ok, findings);
    }
}
