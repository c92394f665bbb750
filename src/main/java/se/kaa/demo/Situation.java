package se.kaa.demo;

/**
 * The situations the demo municipality shows. {@link #inGroup()} is what the situation means for
 * the target group today by the 2018 rules (null: it depends on the date, see the constant).
 */
public enum Situation {
    /** on a national GY programme, years 1–3; year 1 with admission and grade-9 records */
    ORDINARY_GY(false),
    /** left a GY programme without examen (AVBROTT), nothing since */
    DROP_OUT(true),
    /** dropped out, now at komvux – an occupation, still in the group */
    DROP_OUT_KOMVUX(true),
    /** dropped out, now at a folkhögskola – an occupation, still in the group */
    DROP_OUT_FOLKHOGSKOLA(true),
    /** dropped out, then started a programme again */
    RETURNED(false),
    /** finished with a studiebevis, no examen */
    STUDIEBEVIS(true),
    /** finished with a gymnasieexamen */
    EXAMEN(false),
    /** finished with a studiebevis, in the group, then earned a gymnasieexamen (at komvux): out of it since */
    EXAMEN_LATER(false),
    /** left grundskolan years ago and never started upper secondary */
    NEVER_STARTED(true),
    /** admitted (ANTAGEN) for this autumn but never enrolled: in the group once the grace after term start is over */
    ADMITTED_NOT_STARTED(null),
    /** currently on an introduktionsprogram: out of the group since 2018 */
    IM_CURRENT(false),
    /** left an introduktionsprogram without going on */
    IM_FORMER(true),
    /** went from an introduktionsprogram to a national programme */
    IM_TO_NATIONAL(false),
    /** first folkbokförd in Sweden after compulsory-school age, not in school */
    INVANDRAD(true),
    /** immigrated after compulsory-school age, on språkintroduktion (IMS) */
    INVANDRAD_IMS(false),
    /** anpassad gymnasieskola */
    GYS(false),
    /** still in grundskolan (aged 15, in the folkbokföring extract) */
    GRADE_9(false),
    /** outside upper secondary, 20th birthday within the next months */
    TURNING_20_SOON(true),
    /** was outside upper secondary, turned 20 recently */
    TURNED_20(false),
    /** a GY pupil who moved out of the municipality */
    MOVED_OUT_PUPIL(false),
    /** a drop-out who moved out of the municipality */
    MOVED_OUT_DROP_OUT(false),
    /** a GY pupil who moved in recently */
    MOVED_IN_PUPIL(false),
    /** a drop-out who moved in recently (from a neighbouring municipality's school) */
    MOVED_IN_DROP_OUT(true),
    /** a drop-out who has died */
    DECEASED(false),
    /** a drop-out who has emigrated */
    EMIGRATED(false),
    /** an asylum seeker with a samordningsnummer on språkintroduktion: not folkbokförd, so in no snapshot */
    SAMORDNINGSNUMMER(false);

    private final Boolean inGroup;

    Situation(Boolean inGroup) {
        this.inGroup = inGroup;
    }

    /** In the target group today, or null when that depends on the date. */
    public Boolean inGroup() {
        return inGroup;
    }
}
