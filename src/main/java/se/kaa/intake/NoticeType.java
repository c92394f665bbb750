package se.kaa.intake;

/** What a school organiser reports about a pupil (skollagen 15 kap. 15 §, 18 kap. 15 §). */
public enum NoticeType {
    /** the pupil started at the school unit */
    START,
    /** the pupil stopped (left) the school unit */
    STOP,
    /** significant unexcused absence */
    ABSENCE
}
