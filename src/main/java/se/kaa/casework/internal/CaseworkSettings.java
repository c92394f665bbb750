package se.kaa.casework.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.shared.MunicipalityCode;

/**
 * Per municipality: the deadline targets ({@code casework_settings}, defaults those of
 * {@link CaseStates}) and after how many days an occupation of each type goes stale
 * ({@code casework_occupation_expiry}, defaults {@link #DEFAULT_OCCUPATION_EXPIRY}).
 */
@Component
public class CaseworkSettings {

    /** Occupation types, in the order V012 lists them. */
    public static final List<String> OCCUPATION_TYPES = List.of("STUDIES_KOMVUX", "STUDIES_FOLKHOGSKOLA",
            "STUDIES_ABROAD", "STUDIES_OTHER", "WORK", "LABOUR_MARKET_PROGRAMME", "MUNICIPAL_MEASURE",
            "PARENTAL_LEAVE", "SICK", "NO_OCCUPATION", "UNKNOWN");

    /**
     * Days until an occupation goes stale when the municipality has not said otherwise: a term of
     * studies or parental leave holds longer than a job, a programme or sick leave; having no occupation
     * or an unknown one should be checked again soon.
     */
    public static final Map<String, Integer> DEFAULT_OCCUPATION_EXPIRY;

    static {
        Map<String, Integer> d = new LinkedHashMap<>();
        d.put("STUDIES_KOMVUX", 180);
        d.put("STUDIES_FOLKHOGSKOLA", 180);
        d.put("STUDIES_ABROAD", 180);
        d.put("STUDIES_OTHER", 120);
        d.put("WORK", 90);
        d.put("LABOUR_MARKET_PROGRAMME", 90);
        d.put("MUNICIPAL_MEASURE", 60);
        d.put("PARENTAL_LEAVE", 180);
        d.put("SICK", 60);
        d.put("NO_OCCUPATION", 30);
        d.put("UNKNOWN", 14);
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
