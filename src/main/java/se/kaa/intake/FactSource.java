package se.kaa.intake;

/** Where a fact came from. */
public enum FactSource {
    FOLKBOKFORING, INSKRIVNINGAR, EXAMINA, ANTAGNING, NOTICE, MANUAL
}
