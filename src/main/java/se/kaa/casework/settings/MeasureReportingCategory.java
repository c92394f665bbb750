package se.kaa.casework.settings;

/**
 * The closed list of reporting categories every measure of a municipality's catalogue maps to, so
 * that measures named differently by each municipality can be counted together (the half-yearly
 * follow-up of the activity responsibility). Documented in docs/casework.md; the Swedish label is
 * {@code caserecords.category.<name>}.
 */
public enum MeasureReportingCategory {
    /** studie- och yrkesvägledning */
    VAGLEDNING,
    /** motiverande samtal and other motivating, guiding talks */
    MOTIVATION,
    /** praktik, work placement, and work-oriented measures of the municipality */
    PRAKTIK,
    /** studies: folkhögskola, komvux, an introduktionsprogram, other education */
    STUDIER,
    /** labour-market measures together with Arbetsförmedlingen */
    ARBETSMARKNAD,
    /** contact with the social services, health care or another authority */
    SOCIALT_STOD,
    /** anything else */
    OVRIGT
}
