package se.kaa.intake;

/** Skolform as reported by student registers. */
public enum SchoolType {
    /** grundskola (compulsory school) */
    GR,
    /** anpassad grundskola (adapted compulsory school, formerly grundsärskola) */
    GRS,
    /** gymnasieskola (upper secondary school) */
    GY,
    /** anpassad gymnasieskola (adapted upper secondary, formerly gymnasiesärskola) */
    GYS,
    /** komvux (municipal adult education) */
    VUX,
    /** folkhögskola */
    FHS,
    /** education equivalent to upper secondary: IB, a Swedish school abroad, … */
    MOTSV;

    public boolean isCompulsory() {
        return this == GR || this == GRS;
    }

    public boolean isUpperSecondary() {
        return this == GY || this == GYS;
    }
}
