package se.kaa.intake;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.shared.MunicipalityCode;

/**
 * The school unit register: a unit's name, organiser, school types and municipality by its code, so
 * that every page says "Name (code)" ({@link #label}) – as Thymeleaf's {@code @schoolUnits.label(code)}.
 * Kept in memory and read again when it changed on any instance (at most {@link #RELOAD} old); a
 * register of a whole country is some 10,000 units.
 */
@Component("schoolUnits")
public class SchoolUnits {

    static final Duration RELOAD = Duration.ofSeconds(30);

    /** A school unit as registered. */
    public record Unit(String code, String name, String organiser, Set<SchoolType> types, MunicipalityCode municipality) {

        /** Only komvux or folkhögskola: a place to study, but not upper secondary school. */
        public boolean notUpperSecondary() {
            return !types.isEmpty() && types.stream().noneMatch(t -> t.isUpperSecondary() || t == SchoolType.MOTSV)
                    && types.stream().noneMatch(SchoolType::isCompulsory);
        }
    }

    /** What a save did: how many units were new or changed, how many were already as given. */
    public record Saved(int saved, int unchanged) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(Map<String, Unit> units, Instant loadedAt, Instant newest) {
    }

    SchoolUnits(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** "Name (code)", or the code alone for a unit not in the register; "" for none. */
    public String label(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        Unit unit = units().get(code.strip());
        return unit == null ? code : unit.name() + " (" + unit.code() + ")";
    }

    /** The name alone, where a line has room for no more (the worklist line, with the label as its title); the code when unknown. */
    public String name(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        Unit unit = units().get(code.strip());
        return unit == null ? code : unit.name();
    }

    public Optional<Unit> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(units().get(code.strip()));
    }

    /** Every unit, by name. */
    public List<Unit> all() {
        return units().values().stream().sorted(java.util.Comparator.comparing(Unit::name).thenComparing(Unit::code))
                .toList();
    }

    /**
     * Saves these units (new ones added, known ones replaced), in one transaction, as {@code source} by
     * {@code user}; the caller has checked every field.
     */
    @Transactional
    public Saved save(Collection<Unit> units, String source, String user) {
        int saved = 0;
        Instant now = clock.instant();
        for (Unit u : units) {
            saved += jdbc.sql("""
                    INSERT INTO school_unit (code, name, organiser, school_types, municipality, source, updated_at, updated_by)
                    VALUES (:code, :name, :organiser, CAST(:types AS text[]), :municipality, :source, :now, :user)
                    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, organiser = EXCLUDED.organiser,
                        school_types = EXCLUDED.school_types, municipality = EXCLUDED.municipality,
                        source = EXCLUDED.source, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
                    WHERE (school_unit.name, school_unit.organiser, school_unit.school_types, school_unit.municipality)
                          IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.organiser, EXCLUDED.school_types, EXCLUDED.municipality)""")
                    .param("code", u.code()).param("name", u.name()).param("organiser", u.organiser())
                    .param("types", u.types().stream().map(Enum::name).sorted().collect(Collectors.joining(",", "{", "}")))
                    .param("municipality", u.municipality() == null ? null : u.municipality().value())
                    .param("source", source).param("now", Timestamp.from(now)).param("user", user)
                    .update();
        }
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            // read again once committed: a page rendered in between may have cached the register as it was
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            snapshot = null;
                        }
                    });
        }
        snapshot = null;
        return new Saved(saved, units.size() - saved);
    }

    /** Reads the register again on next use: after a change made around this class (SQL by hand, a test's cleanup). */
    public void forget() {
        snapshot = null;
    }

    private Map<String, Unit> units() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s != null && Duration.between(s.loadedAt(), now).compareTo(RELOAD) < 0) {
            return s.units();
        }
        Instant newest = jdbc.sql("SELECT max(updated_at) FROM school_unit").query(Timestamp.class).optional()
                .map(Timestamp::toInstant).orElse(Instant.EPOCH);
        if (s != null && newest.equals(s.newest())) {
            snapshot = new Snapshot(s.units(), now, newest);
            return s.units();
        }
        Map<String, Unit> units = new LinkedHashMap<>();
        jdbc.sql("SELECT code, name, organiser, school_types, municipality FROM school_unit").query(rs -> {
            Array types = rs.getArray(4);
            Set<SchoolType> set = EnumSet.noneOf(SchoolType.class);
            for (String t : (String[]) types.getArray()) {
                set.add(SchoolType.valueOf(t));
            }
            String municipality = rs.getString(5);
            units.put(rs.getString(1), new Unit(rs.getString(1), rs.getString(2), rs.getString(3), set,
                    municipality == null ? null : MunicipalityCode.of(municipality)));
        });
        snapshot = new Snapshot(Map.copyOf(units), now, newest);
        return snapshot.units();
    }

    /** The school types of a cell such as {@code "GY, GYS"}; unknown ones are returned as such. */
    public static List<String> unknownTypes(String cell) {
        List<String> unknown = new ArrayList<>();
        for (String t : typeWords(cell)) {
            if (Arrays.stream(SchoolType.values()).noneMatch(s -> s.name().equals(t))) {
                unknown.add(t);
            }
        }
        return unknown;
    }

    public static Set<SchoolType> types(String cell) {
        Set<SchoolType> types = EnumSet.noneOf(SchoolType.class);
        typeWords(cell).forEach(t -> types.add(SchoolType.valueOf(t)));
        return types;
    }

    private static List<String> typeWords(String cell) {
        return cell == null ? List.of() : Arrays.stream(cell.split("[,\\s]+")).map(String::strip)
                .filter(t -> !t.isEmpty()).map(t -> t.toUpperCase(java.util.Locale.ROOT)).toList();
    }
}
