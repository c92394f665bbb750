package se.kaa.reporting.spec;

import java.util.List;

/**
 * The facts of ours a column may be filled from ({@link Column#concept()}). The service fills
 * records by concept, so a spec may name, order and code its columns as the period requires.
 */
public final class Concepts {

    public static final String MUNICIPALITY = "municipality";
    public static final String PERIOD = "period";
    public static final String PERSONNUMMER = "personnummer";
    public static final String FIRST_REGISTERED = "firstRegistered";
    public static final String REGISTERED = "registered";
    public static final String REASON = "reason";
    /** YES_NO */
    public static final String CONTACT_DURING_PERIOD = "contactDuringPeriod";
    public static final String OCCUPATION_AT_LATEST_CONTACT = "occupationAtLatestContact";
    public static final String EXITED = "exited";
    public static final String EXIT_REASON = "exitReason";
    public static final String MEASURE_TYPE = "measure.type";
    public static final String MEASURE_START = "measure.start";
    public static final String MEASURE_END = "measure.end";
    /** YES_NO */
    public static final String MEASURE_DECLINED = "measure.declined";
    public static final String MEASURE_OCCUPATION_AFTER = "measure.occupationAfter";

    /** Every concept, in the order of the return's variables. */
    public static final List<String> ALL = List.of(MUNICIPALITY, PERIOD, PERSONNUMMER, FIRST_REGISTERED, REGISTERED,
            REASON, CONTACT_DURING_PERIOD, OCCUPATION_AT_LATEST_CONTACT, EXITED, EXIT_REASON, MEASURE_TYPE,
            MEASURE_START, MEASURE_END, MEASURE_DECLINED, MEASURE_OCCUPATION_AFTER);

    /** The prefix of the concepts filled per measure, from a repeat group. */
    public static final String MEASURE_PREFIX = "measure.";

    private Concepts() {
    }

    public static boolean known(String concept) {
        return ALL.contains(concept);
    }

    /** Whether the concept is one per measure (so its column must come from a repeat group). */
    public static boolean perMeasure(String concept) {
        return concept.startsWith(MEASURE_PREFIX);
    }
}
