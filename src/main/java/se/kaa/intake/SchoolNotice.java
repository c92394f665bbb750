package se.kaa.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import se.kaa.shared.MunicipalityCode;

/**
 * A notice from a school organiser about a pupil, as shown on her page.
 *
 * @param date         the date the notice is about (start, stop, or when the absence was reported)
 * @param endReason    why she stopped ({@link NoticeType#STOP} only); {@code null} on other notices and on
 *                     STOP notices received before the reason was required
 * @param absenceFrom  first day of the absence period ({@link NoticeType#ABSENCE} only)
 * @param absenceTo    last day of the absence period, inclusive
 * @param absenceHours unexcused hours in the period
 */
public record SchoolNotice(
        long id, NoticeType type, MunicipalityCode municipality, String schoolUnitCode, String organiser,
        SchoolType schoolType, String programme, LocalDate date, EnrolmentEndReason endReason,
        LocalDate absenceFrom, LocalDate absenceTo, BigDecimal absenceHours,
        Instant receivedAt, String submittedBy) {
}
