package se.kaa.casework;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;

/**
 * The reported facts of a period: one record per person who was in a municipality's group at any time
 * during it, with what casework knows of her then. One definition – the database function
 * {@code casework_period_records} (V028) – read by the SCB return, the board report and the manager's
 * overview, so that they agree with each other and with the case pages. Reads only: the caller audits.
 */
public interface PeriodRecords {

    /** Everyone in the group of {@code municipality} on some day from {@code first} to {@code last}, by personnummer. */
    List<PeriodRecord> of(MunicipalityCode municipality, LocalDate first, LocalDate last);

    /**
     * The same records without the occupation at the latest contact and the measures (null and empty):
     * for a page that counts members, registrations and contacts, at a fraction of the cost.
     */
    List<PeriodRecord> counted(MunicipalityCode municipality, LocalDate first, LocalDate last);

    /**
     * Counted in the database over the same records: how many were in the group during the period, how
     * many were registered in it (their latest registration on or after its first day), and the median
     * days from registration to first contact by {@code last} of those (never below 0; between the two middle
     * values rounded half up, as the board report counts it; null when none was contacted).
     */
    Summary summary(MunicipalityCode municipality, LocalDate first, LocalDate last);

    record Summary(long members, long registered, Long medianDaysToFirstContact) {
    }

    /**
     * One person's period: the latest episode overlapping it ({@code registered}, {@code reason}, and its
     * exit when inside the period), her first registration in the municipality, the contact during the
     * period, the occupation at the latest contact and the measures overlapping the period.
     * {@code caseId} is null when no case was ever opened (a membership wholly in the past when it was found).
     */
    record PeriodRecord(UUID personId, PersonalIdentityNumber pin, LocalDate birthDate, Long caseId,
                        LocalDate firstRegistered, LocalDate registered, String reason, LocalDate exited,
                        String exitReason, boolean contactDuringPeriod, LocalDate latestContact,
                        String occupationAtLatestContact, LocalDate firstContact, List<PeriodMeasure> measures) {
    }

    /** Every occupation type a record can carry (the values a spec's occupation list maps). */
    static java.util.List<String> occupationTypes() {
        return java.util.Arrays.stream(se.kaa.casework.cases.OccupationExpiry.OccupationType.values()).map(Enum::name).toList();
    }

    /** Every reporting category of the measure catalogue (the values a spec's measure list maps). */
    static java.util.List<String> measureCategories() {
        return java.util.Arrays.stream(se.kaa.casework.settings.MeasureReportingCategory.values()).map(Enum::name).toList();
    }

    /** A measure overlapping the period: its reporting category, start, end inside the period, declined, and the occupation after it. */
    record PeriodMeasure(String category, LocalDate start, LocalDate end, boolean declined, String occupationAfter) {
    }
}
