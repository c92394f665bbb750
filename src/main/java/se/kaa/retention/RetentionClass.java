package se.kaa.retention;

/**
 * The data classes retention is decided for. Each class is counted either from the person's
 * retention anchor (her 20th birthday or the end of her last membership episode, whichever is later)
 * or from the record's own time; see docs/security.md, "Retention".
 */
public enum RetentionClass {
    /** the person, her folkbokföring details and every fact and notice about her */
    IDENTITY(true, true, 12, RetentionAction.PSEUDONYMISE),
    /** the contact log (casework: applied once its table exists) */
    CONTACT_LOG(true, false, 12, RetentionAction.DELETE),
    /** free-text notes (casework: applied once its table exists) */
    NOTES(true, false, 12, RetentionAction.DELETE),
    /** occupation history (casework: applied once its table exists) */
    OCCUPATIONS(true, false, 12, RetentionAction.DELETE),
    /** individual measures and plans (casework: applied once its table exists) */
    MEASURES_AND_PLANS(true, false, 12, RetentionAction.DELETE),
    /** rejected import rows, counted from their resolution or else from the batch's receipt */
    REJECTED_IMPORT_ROWS(false, true, 6, RetentionAction.DELETE),
    /** the audit log, counted from each entry's time (applied by the audit module) */
    AUDIT_LOG(false, false, 36, RetentionAction.DELETE);

    private final boolean personAnchored;
    private final boolean appliedNow;
    private final int defaultMonths;
    private final RetentionAction defaultAction;

    RetentionClass(boolean personAnchored, boolean appliedNow, int defaultMonths, RetentionAction defaultAction) {
        this.personAnchored = personAnchored;
        this.appliedNow = appliedNow;
        this.defaultMonths = defaultMonths;
        this.defaultAction = defaultAction;
    }

    /** Counted from the person's anchor (true) or from the record's own time (false). */
    public boolean personAnchored() {
        return personAnchored;
    }

    /** False while the class's table does not exist yet: the policy is kept and applied later. */
    public boolean appliedNow() {
        return appliedNow;
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
