package se.kaa.retention;

/** What happens to data past its retention time. */
public enum RetentionAction {
    /** removed entirely */
    DELETE,
    /**
     * identity and facts removed; the statistical core (membership episodes with municipality, dates
     * and reasons, and the birth year) kept under a random pseudonym that nothing links back to her
     */
    PSEUDONYMISE
}
