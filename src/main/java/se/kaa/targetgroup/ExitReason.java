package se.kaa.targetgroup;

/** Why a membership episode ended. */
public enum ExitReason {
    /** the 20th birthday */
    FYLLT_20,
    /** no longer folkbokförd (or placed) in the municipality: hand over to the new hemkommun */
    UTFLYTTAD,
    /** enrolled in GY/GYS/equivalent education (under 2018 and later, IM included) */
    PABORJAT_UTBILDNING,
    /** diploma or bevis obtained */
    EXAMEN,
    /** folkbokföring status: deceased */
    AVLIDEN,
    /** folkbokföring status: emigrated */
    UTVANDRAD
}
