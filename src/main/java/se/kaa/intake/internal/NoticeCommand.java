package se.kaa.intake.internal;

/**
 * A notice as submitted through the API or the web form, not yet validated (all text, so that every
 * wrong field can be reported at once). Field names are those of the API.
 *
 * @param endReason    why the pupil stopped: AVBROTT, BYTE or FULLFOLJT (STOP only, required there)
 * @param absenceGiven whether the request carried an absence at all (only ABSENCE may)
 */
public record NoticeCommand(
        String type, String personnummer, String municipality, String schoolUnitCode, String organiser,
        String schoolType, String programme, String date, String endReason, String absenceFrom, String absenceTo,
        String absenceHours, boolean absenceGiven) {
}
