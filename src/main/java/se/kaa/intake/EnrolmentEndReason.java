package se.kaa.intake;

/** Why an enrolment ended (slutorsak). */
public enum EnrolmentEndReason {
    /** left without completing */
    AVBROTT,
    /** completed the programme */
    FULLFOLJT,
    /** moved to another school or programme */
    BYTE
}
