package se.kaa.casework;

import java.util.List;
import java.util.Map;

import se.kaa.shared.MunicipalityCode;

/**
 * The unit's open cases in numbers, for the manager's overview: the worklist's own counts (one
 * definition: each number is what the worklist lists behind its link) and the caseload by how far the
 * work has come, per case worker. Aggregates only: no person is named.
 */
public interface Caseload {

    Summary of(MunicipalityCode municipality);

    /** The municipality's target, in days from registration, for the first contact (the case clocks' own). */
    int firstContactTargetDays(MunicipalityCode municipality);

    /** How far the work on an open case has come, the furthest step that is true. */
    enum Stage { NOT_TRIED, TRIED, CONTACTED, OCCUPATION_KNOWN, IN_MEASURE, STUDIES_OR_WORK }

    /**
     * {@code byCategory}: the worklist's categories by name ({@code NOT_CONTACTED}, {@code TURNING_20}, …);
     * {@code byStage} over every open case; {@code workers}: per assignee (null: unassigned), her cases by stage
     * and overdue.
     */
    record Summary(long open, long overdue, long unassigned, Map<String, Long> byCategory, Map<Stage, Long> byStage,
                   List<Worker> workers) {
    }

    record Worker(String assignee, long cases, long overdue, Map<Stage, Long> byStage) {
    }
}
