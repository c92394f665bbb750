package se.kaa.intake;

import java.time.LocalDate;

/**
 * An enrolment in a school: inclusive dates, {@code end == null} while it is open.
 *
 * @param provenance    who reported the enrolment (or its start)
 * @param endProvenance who reported its end, when another source than {@code provenance} did
 *                      (e.g. a STOP notice); otherwise {@code null}
 */
public record EnrolmentFact(
        long id,
        String schoolUnitCode,
        String organiser,
        SchoolType schoolType,
        String programme,
        LocalDate start,
        LocalDate end,
        EnrolmentEndReason endReason,
        Provenance provenance,
        Provenance endProvenance) {

    /** Introduktionsprogram: programme codes beginning with IM. */
    public boolean isIntroductoryProgramme() {
        return programme != null && programme.toUpperCase().startsWith("IM");
    }

    /** True when the enrolment covers {@code date} (both ends inclusive). */
    public boolean covers(LocalDate date) {
        return !date.isBefore(start) && (end == null || !date.isAfter(end));
    }
}
