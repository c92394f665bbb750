package se.kaa.targetgroup;

/** How a membership episode began (recorded beside the reason for registration). */
public enum EntryKind {
    /** moved into (or was placed in) the municipality while already outside upper secondary */
    MOVED_IN,
    /** left upper secondary (or equivalent) education, or was admitted but did not start */
    LEFT_SCHOOL,
    /** compulsory schooling ended */
    SKOLPLIKT_ENDED,
    /** came to Sweden (first time after compulsory-school age, or back after emigrating) */
    IMMIGRATED,
    /** a new rule set took effect (also: the start of the register's history on 2015-01-01) */
    RULES_CHANGED
}
