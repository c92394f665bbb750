package se.kaa.retention;

/**
 * The data classes retention is decided for. Each class is counted either from the person's
 * retention anchor (her 20th birthday or the end of her last membership episode, whichever is later)
 * or from the record's own time; see docs/security.md, "Retention".
 */
public enum RetentionClass {
    /** the person, her folkbokföring details and every fact and notice about her */
    IDENTITY(true, true, 12, RetentionAction.PSEUDONYMISE),
    /** the contact log (casework: applied by its RetentionParticipant) */
    CONTACT_LOG(true, false, 12, RetentionAction.DELETE),
    /** free-text notes (casework: applied by its RetentionParticipant) */
    NOTES(true, false, 12, RetentionAction.DELETE),
    /** occupation history (casework: applied by its RetentionParticipant) */
    OCCUPATIONS(true, false, 12, RetentionAction.DELETE),
    /** individual measures and plans (casework: applied by its RetentionParticipant) */
    MEASURES_AND_PLANS(true, false, 12, RetentionAction.DELETE),
    /** rejected import rows, counted from their resolution or else from the batch's receipt */
    REJECTED_IMPORT_ROWS(false, true, 6, RetentionAction.DELETE),
    /** the audit log, counted from each entry's time (applied by the audit module's RetentionParticipant) */
    AUDIT_LOG(false, false, 36, RetentionAction.DELETE);

    private final boolean personAnchored;
    private final boolean builtIn;
    private final int defaultMonths;
    private final RetentionAction defaultAction;

    RetentionClass(boolean personAnchored, boolean builtIn, int defaultMonths, RetentionAction defaultAction) {
        this.personAnchored = personAnchored;
        this.builtIn = builtIn;
        this.defaultMonths = defaultMonths;
        this.defaultAction = defaultAction;
    }

    /** Counted from the person's anchor (true) or from the record's own time (false). */
    public boolean personAnchored() {
        return personAnchored;
    }

    /**
     * True when the retention module applies the class itself; the others are applied by the module
     * that keeps them, through a {@link RetentionParticipant}, and until one exists the policy is
     * kept and shown but not applied.
     */
    public boolean builtIn() {
        return builtIn;
    }

    public int defaultMonths() {
        return defaultMonths;
    }

    public RetentionAction defaultAction() {
        return defaultAction;
    }

    /** Only identity data can be pseudonymised (the statistical core is kept); the rest is deleted. */
    public boolean allows(RetentionAction action) {
        return action == RetentionAction.DELETE || this == IDENTITY;
    }
}
