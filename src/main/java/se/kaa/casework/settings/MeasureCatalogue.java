package se.kaa.casework.settings;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.shared.MunicipalityCode;

/**
 * Each municipality's catalogue of individual measures (casework_measure_type), each mapped to a
 * {@link MeasureReportingCategory}. A municipality without one gets the default list on first use.
 * Measures are never deleted (recorded measures refer to them): they are deactivated.
 */
@Component
public class MeasureCatalogue {

    public record MeasureType(long id, MunicipalityCode municipality, String code, String name,
                              MeasureReportingCategory category, boolean active) {
    }

    /** The default list (issue 4): code, Swedish name, reporting category. */
    static final List<MeasureType> DEFAULTS = List.of(
            d("SYV", "Studie- och yrkesvägledning", MeasureReportingCategory.VAGLEDNING),
            d("MOTIVERANDE_SAMTAL", "Motiverande samtal", MeasureReportingCategory.MOTIVATION),
            d("PRAKTIK", "Praktik", MeasureReportingCategory.PRAKTIK),
            d("FOLKHOGSKOLA", "Folkhögskola", MeasureReportingCategory.STUDIER),
            d("KOMVUX", "Komvux", MeasureReportingCategory.STUDIER),
            d("INTRODUKTIONSPROGRAM", "Introduktionsprogram", MeasureReportingCategory.STUDIER),
            d("ARBETSFORMEDLINGEN", "Arbetsmarknadsinsats med Arbetsförmedlingen", MeasureReportingCategory.ARBETSMARKNAD),
            d("SOCIALTJANSTEN", "Kontakt med socialtjänsten", MeasureReportingCategory.SOCIALT_STOD),
            d("ANNAT", "Annat", MeasureReportingCategory.OVRIGT));

    private static MeasureType d(String code, String name, MeasureReportingCategory category) {
        return new MeasureType(0, null, code, name, category, true);
    }

    private final JdbcClient jdbc;

    MeasureCatalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The whole catalogue, active and not, seeding the defaults when the municipality has none. */
    @Transactional
    public List<MeasureType> all(MunicipalityCode municipality) {
        seedIfEmpty(municipality);
        return jdbc.sql("""
                SELECT id, municipality, code, name, reporting_category, active FROM casework_measure_type
                WHERE municipality = ? ORDER BY active DESC, id""")
                .param(municipality.value())
                .query((rs, n) -> new MeasureType(rs.getLong(1), MunicipalityCode.of(rs.getString(2)), rs.getString(3),
                        rs.getString(4), MeasureReportingCategory.valueOf(rs.getString(5)), rs.getBoolean(6)))
                .list();
    }

    /** What may be chosen for a new measure. */
    @Transactional
    public List<MeasureType> active(MunicipalityCode municipality) {
        return all(municipality).stream().filter(MeasureType::active).toList();
    }

    public Optional<MeasureType> find(MunicipalityCode municipality, long id) {
        return all(municipality).stream().filter(t -> t.id() == id).findFirst();
    }

    public void seedIfEmpty(MunicipalityCode municipality) {
        // Concurrent first uses: the unique (municipality, code) keeps one of each.
        boolean empty = jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM casework_measure_type WHERE municipality = ?)")
                .param(municipality.value()).query(Boolean.class).single();
        if (empty) {
            for (MeasureType t : DEFAULTS) {
                jdbc.sql("""
                        INSERT INTO casework_measure_type (municipality, code, name, reporting_category)
                        VALUES (?, ?, ?, ?) ON CONFLICT (municipality, code) DO NOTHING""")
                        .params(municipality.value(), t.code(), t.name(), t.category().name()).update();
            }
        }
    }

    /** Adds a measure; its code is derived from the name and made unique. */
    @Transactional
    public long add(MunicipalityCode municipality, String name, MeasureReportingCategory category) {
        seedIfEmpty(municipality);
        String base = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_")
                .replaceAll("^_|_$", "");
        if (base.isEmpty()) {
            base = "ATGARD";
        }
        base = base.length() > 40 ? base.substring(0, 40) : base;
        String code = base;
        for (int i = 2; jdbc.sql("SELECT EXISTS (SELECT 1 FROM casework_measure_type WHERE municipality = ? AND code = ?)")
                .params(municipality.value(), code).query(Boolean.class).single(); i++) {
            code = base + "_" + i;
        }
        return jdbc.sql("""
                INSERT INTO casework_measure_type (municipality, code, name, reporting_category)
                VALUES (?, ?, ?, ?) RETURNING id""")
                .params(municipality.value(), code, name, category.name()).query(Long.class).single();
    }

    /** Renames, recategorises and (de)activates a measure of the municipality; false when unknown. */
    @Transactional
    public boolean update(MunicipalityCode municipality, long id, String name, MeasureReportingCategory category,
                          boolean active) {
        return jdbc.sql("""
                UPDATE casework_measure_type SET name = ?, reporting_category = ?, active = ?
                WHERE id = ? AND municipality = ?""")
                .params(name, category.name(), active, id, municipality.value()).update() == 1;
    }
}
