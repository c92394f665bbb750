package se.kaa.casework;

import java.time.LocalDate;

import se.kaa.shared.MunicipalityCode;

/**
 * The history of a unit that has worked its cases, for the demo municipality only: without it a newcomer
 * opening the demo sees every case unassigned and overdue by hundreds of days – a wall of red, not a
 * working unit (docs/casework.md, "Demo").
 */
public interface DemoCasework {

    /**
     * Gives the cases of {@code municipality} – on a freshly loaded demo – its case workers
     * (handläggare granted the municipality) in turn, contact attempts, occupations and measures as a
     * unit would have recorded them since each case opened (a closed case until it closed); a few
     * recent cases stay untouched and some are late. Who left the group before the demo was loaded gets
     * the case she would have had, worked and closed. Returns the number of cases given a history.
     */
    int workTheCases(MunicipalityCode municipality, LocalDate today);
}
