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
     * Gives the open cases of {@code municipality} – on a freshly loaded demo – its case workers
     * (handläggare granted the municipality) in turn, contact attempts, occupations and measures as a unit would have recorded
     * them since each case opened; a few recent cases stay untouched and some are late. Returns the
     * number of cases given a history.
     */
    int workTheOpenCases(MunicipalityCode municipality, LocalDate today);
}
