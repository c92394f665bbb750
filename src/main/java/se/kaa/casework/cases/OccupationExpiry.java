package se.kaa.casework.cases;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.kaa.shared.MunicipalityCode;

/**
 * How long a recorded occupation holds before it must be verified again – the one definition, used
 * by the case page, the worklist (its SQL through {@link #staleSql}) and the settings page: per type,
 * from {@code casework_occupation_expiry} of the municipality, else {@link #DEFAULTS}. An occupation
 * verified on day V with N days holds through V + N − 1 and is stale from V + N.
 */
@Component
public class OccupationExpiry {

    public enum OccupationType {
        STUDIES_KOMVUX, STUDIES_FOLKHOGSKOLA, STUDIES_ABROAD, STUDIES_OTHER, WORK, LABOUR_MARKET_PROGRAMME,
        MUNICIPAL_MEASURE, PARENTAL_LEAVE, SICK, NO_OCCUPATION, UNKNOWN
    }

    /**
     * Days when the municipality has not said otherwise: a term of studies or parental leave holds
     * longer than a job, a programme or sick leave; having no occupation or an unknown one should be
     * checked again soon.
     */
    public static final Map<OccupationType, Integer> DEFAULTS = Collections.unmodifiableMap(new EnumMap<>(Map.ofEntries(
            Map.entry(OccupationType.STUDIES_KOMVUX, 180), Map.entry(OccupationType.STUDIES_FOLKHOGSKOLA, 180),
            Map.entry(OccupationType.STUDIES_ABROAD, 180), Map.entry(OccupationType.STUDIES_OTHER, 120),
            Map.entry(OccupationType.WORK, 90), Map.entry(OccupationType.LABOUR_MARKET_PROGRAMME, 90),
            Map.entry(OccupationType.MUNICIPAL_MEASURE, 60), Map.entry(OccupationType.PARENTAL_LEAVE, 180),
            Map.entry(OccupationType.SICK, 60), Map.entry(OccupationType.NO_OCCUPATION, 30),
            Map.entry(OccupationType.UNKNOWN, 14))));

    public static int defaultDays(OccupationType type) {
        return DEFAULTS.get(type);
    }

    private final JdbcClient jdbc;

    OccupationExpiry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The days of every type in the municipality. */
    public Map<OccupationType, Integer> days(MunicipalityCode municipality) {
        Map<OccupationType, Integer> days = new EnumMap<>(OccupationType.class);
        for (OccupationType t : OccupationType.values()) {
            days.put(t, defaultDays(t));
        }
        jdbc.sql("SELECT type, days FROM casework_occupation_expiry WHERE municipality = ?")
                .param(municipality.value())
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).list()
                .forEach(e -> {
                    try {
                        days.put(OccupationType.valueOf(e.getKey()), e.getValue());
                    } catch (IllegalArgumentException ignored) {
                        // a type no longer known
                    }
                });
        return days;
    }

    /** Stale on {@code today}: verified {@code days} or more days before it. */
    public static boolean stale(LocalDate verifiedOn, int days, LocalDate today) {
        return !verifiedOn.plusDays(days).isAfter(today);
    }

    /** {@link #stale} in SQL, given the day it goes stale (verified + days) and the day asked about. */
    public static String staleSql(String staleFrom, String today) {
        return "(" + staleFrom + " <= " + today + ")";
    }
}
