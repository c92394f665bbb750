package se.kaa.casework.settings;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.casework.cases.CaseStates;
import se.kaa.casework.cases.OccupationExpiry;
import se.kaa.shared.MunicipalityCode;

/**
 * Per municipality: the deadline targets ({@code casework_settings}, defaults those of
 * {@link CaseStates}) and after how many days an occupation of each type goes stale
 * ({@code casework_occupation_expiry}, defaults {@link #DEFAULT_OCCUPATION_EXPIRY}).
 */
@Component
public class CaseworkSettings {

    /** The occupation types, in the order the settings page lists them ({@link OccupationExpiry.OccupationType}). */
    public static final List<String> OCCUPATION_TYPES = java.util.Arrays.stream(OccupationExpiry.OccupationType.values())
            .map(Enum::name).toList();

    /** {@link OccupationExpiry#DEFAULTS} by type name, in that order. */
    public static final Map<String, Integer> DEFAULT_OCCUPATION_EXPIRY;

    static {
        Map<String, Integer> d = new LinkedHashMap<>();
        OccupationExpiry.DEFAULTS.forEach((type, days) -> d.put(type.name(), days));
        DEFAULT_OCCUPATION_EXPIRY = Collections.unmodifiableMap(d);
    }

    public record Targets(int firstAttemptDays, int firstContactDays, int firstMeasureDays) {

        public static final Targets DEFAULT = new Targets(CaseStates.DEFAULT_FIRST_ATTEMPT_DAYS,
                CaseStates.DEFAULT_FIRST_CONTACT_DAYS, CaseStates.DEFAULT_FIRST_MEASURE_DAYS);
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    CaseworkSettings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Targets targets(MunicipalityCode municipality) {
        return jdbc.sql("SELECT first_attempt_days, first_contact_days, first_measure_days FROM casework_settings WHERE municipality = ?")
                .param(municipality.value())
                .query((rs, n) -> new Targets(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
                .optional().orElse(Targets.DEFAULT);
    }

    /** Every type's expiry in days, the municipality's own or the default. */
    public Map<String, Integer> occupationExpiry(MunicipalityCode municipality) {
        Map<String, Integer> days = new LinkedHashMap<>(DEFAULT_OCCUPATION_EXPIRY);
        jdbc.sql("SELECT type, days FROM casework_occupation_expiry WHERE municipality = ?")
                .param(municipality.value())
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).list()
                .forEach(e -> days.put(e.getKey(), e.getValue()));
        return days;
    }

    @Transactional
    public void save(MunicipalityCode municipality, Targets targets, Map<String, Integer> expiry, String actor) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO casework_settings (municipality, first_attempt_days, first_contact_days, first_measure_days,
                                               updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (municipality) DO UPDATE SET first_attempt_days = EXCLUDED.first_attempt_days,
                    first_contact_days = EXCLUDED.first_contact_days, first_measure_days = EXCLUDED.first_measure_days,
                    updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at""")
                .params(municipality.value(), targets.firstAttemptDays(), targets.firstContactDays(),
                        targets.firstMeasureDays(), actor, now).update();
        expiry.forEach((type, days) -> jdbc.sql("""
                INSERT INTO casework_occupation_expiry (municipality, type, days) VALUES (?, ?, ?)
                ON CONFLICT (municipality, type) DO UPDATE SET days = EXCLUDED.days""")
                .params(municipality.value(), type, days).update());
    }
}
