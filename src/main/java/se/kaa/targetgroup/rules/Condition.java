package se.kaa.targetgroup.rules;

/**
 * The conditions of skollagen 29 kap. 9 § as listed in PRODUCT.md ("The target group"), plus the
 * summer transition, which is the register's own interpretation of when an admitted pupil counts.
 */
public enum Condition {
    /** 1. folkbokförd (or placed by a manual decision) in the municipality */
    HOME_MUNICIPALITY,
    /** 2. before the 20th birthday */
    AGE,
    /** 3. compulsory schooling has ended, or (since 2018-07-01) first folkbokförd after school age */
    COMPULSORY_SCHOOLING_DONE,
    /** 4. not enrolled in GY/GYS or equivalent (IM counts since 2018-07-01; VUX/FHS never do) */
    NOT_IN_UPPER_SECONDARY,
    /** 5. no examen, gymnasiebevis or completed equivalent education */
    NO_DIPLOMA,
    /** 6. alive and not emigrated */
    ALIVE_AND_NOT_EMIGRATED,
    /** not held back as "expected to start" a programme she was admitted to (summer transition) */
    NOT_EXPECTED_TO_START;

    /** The six conditions of the law, in order; {@link #NOT_EXPECTED_TO_START} is not one of them. */
    public boolean isStatutory() {
        return this != NOT_EXPECTED_TO_START;
    }

    int bit() {
        return 1 << ordinal();
    }
}
