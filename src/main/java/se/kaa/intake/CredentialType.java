package se.kaa.intake;

/** Credentials from the grades database (BEDA) or schools. */
public enum CredentialType {
    /** högskoleförberedande examen */
    GYEX_HOG,
    /** yrkesexamen */
    GYEX_YRK,
    /** studiebevis: does not end the activity responsibility since 2018-07-01 */
    STUDIEBEVIS,
    /** gymnasiebevis from anpassad gymnasieskola */
    GYSBEVIS,
    /** completed equivalent education with pass results */
    MOTSV_FULLFOLJD
}
