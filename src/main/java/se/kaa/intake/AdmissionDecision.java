package se.kaa.intake;

/** Besked from the admission office. */
public enum AdmissionDecision {
    ANTAGEN, RESERV, EJ_ANTAGEN
}
