package se.kaa.casework.internal;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.kaa.shared.MunicipalityCode;

/**
 * How long a recorded occupation holds before it must be verified again: per type, from
 * {@code casework_occupation_expiry} of the municipality, else the defaults here. An occupation is
 * stale from the day {@code verified_on + days}.
 */
@Component
public class OccupationExpiry {

    public enum OccupationType {
        STUDIES_KOMVUX, STUDIES_FOLKHOGSKOLA, STUDIES_ABROAD, STUDIES_OTHER, WORK, LABOUR_MARKET_PROGRAMME,
        MUNICIPAL_MEASURE, PARENTAL_LEAVE, SICK, NO_OCCUPATION, UNKNOWN
    }

    /** Defaults in days: a term for studies and work, a quarter for measures, a month for "none". */
    public static int defaultDays(OccupationType type) {
        return switch (type) {
            case STUDIES_KOMVUX, STUDIES_FOLKHOGSKOLA, STUDIES_ABROAD, STUDIES_OTHER, WORK, PARENTAL_LEAVE -> 183;
            case LABOUR_MARKET_PROGRAMME, MUNICIPAL_MEASURE, SICK -> 90;
            case NO_OCCUPATION, UNKNOWN -> 30;
        };
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

    public static boolean stale(LocalDate verifiedOn, int days, LocalDate today) {
        return !verifiedOn.plusDays(days).isAfter(today);
    }
}
