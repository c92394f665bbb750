package se.kaa.targetgroup;

/**
 * Why a person is in the target group: always the school-related reason SCB asks for, decided on
 * the day the membership episode begins.
 */
public enum ReasonForRegistration {
    /** left a GY/GYS programme (or equivalent education) without examen */
    AVBROTT,
    /** has a studiebevis and no examen */
    STUDIEBEVIS,
    /** never started upper secondary after compulsory school */
    EJ_PABORJAT,
    /** first folkbokförd in Sweden after compulsory-school age, never in GY/GYS */
    INVANDRAD,
    /** on an introduktionsprogram (rule set 2015 only) */
    IM
}
