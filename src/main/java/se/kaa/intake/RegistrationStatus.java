package se.kaa.intake;

/** Folkbokföring status of a person. */
public enum RegistrationStatus {
    NORMAL, AVLIDEN, UTVANDRAD
}
