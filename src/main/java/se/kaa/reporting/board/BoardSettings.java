package se.kaa.reporting.board;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.platform.ProblemException;
import se.kaa.shared.HalfYear;
import se.kaa.shared.MunicipalityCode;

/**
 * What a municipality keeps of its board reports: its small-cell suppression (default
 * {@link Suppression#DEFAULT}), and per half-year the unit's written analysis and, once frozen, the report
 * as it was sent to the board – later facts never change a frozen report.
 */
@Component
public class BoardSettings {

    /** The analysis and the freeze of one half-year's report. */
    public record Kept(String analysis, String analysisBy, Instant analysisAt, String frozenBy, Instant frozenAt) {

        public boolean frozen() {
            return frozenAt != null;
        }
    }

    static final int MAX_ANALYSIS = 20_000;

    private final JdbcClient jdbc;
    private final Clock clock;

    BoardSettings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Suppression suppression(MunicipalityCode m) {
        return jdbc.sql("SELECT min_count, min_base FROM reporting_settings WHERE municipality = ?").param(m.value())
                .query((rs, n) -> new Suppression(rs.getInt(1), rs.getInt(2))).optional().orElse(Suppression.DEFAULT);
    }

    @Transactional
    public void setSuppression(MunicipalityCode m, Suppression s, String by) {
        jdbc.sql("""
                INSERT INTO reporting_settings (municipality, min_count, min_base, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (municipality) DO UPDATE SET min_count = EXCLUDED.min_count, min_base = EXCLUDED.min_base,
                    changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at""")
                .params(m.value(), s.minCount(), s.minBase(), by, Timestamp.from(clock.instant())).update();
    }

    public Kept kept(MunicipalityCode m, HalfYear period) {
        return jdbc.sql("""
                SELECT analysis, analysis_by, analysis_at, frozen_by, frozen_at FROM reporting_board
                WHERE municipality = ? AND period = ?""").params(m.value(), period.toString())
                .query((rs, n) -> new Kept(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)), rs.getString(4),
                        instant(rs.getTimestamp(5))))
                .optional().orElse(new Kept(null, null, null, null, null));
    }

    /** Saves the analysis; a frozen report's is kept as it was ({@code 409}). */
    @Transactional
    public void saveAnalysis(MunicipalityCode m, HalfYear period, String analysis, String by) {
        lock(m, period);
        if (kept(m, period).frozen()) {
            throw frozen(period);
        }
        jdbc.sql("""
                INSERT INTO reporting_board (municipality, period, analysis, analysis_by, analysis_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (municipality, period) DO UPDATE SET analysis = EXCLUDED.analysis,
                    analysis_by = EXCLUDED.analysis_by, analysis_at = EXCLUDED.analysis_at""")
                .params(m.value(), period.toString(), analysis == null || analysis.isBlank() ? null : analysis.strip(), by,
                        Timestamp.from(clock.instant())).update();
    }

    /** Freezes the report as made now: its PDF and JSON are kept, and shown from then on. */
    @Transactional
    public void freeze(MunicipalityCode m, HalfYear period, byte[] pdf, String json, String by) {
        lock(m, period);
        if (kept(m, period).frozen()) {
            throw frozen(period);
        }
        jdbc.sql("""
                INSERT INTO reporting_board (municipality, period, frozen_pdf, frozen_json, frozen_by, frozen_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (municipality, period) DO UPDATE SET frozen_pdf = EXCLUDED.frozen_pdf,
                    frozen_json = EXCLUDED.frozen_json, frozen_by = EXCLUDED.frozen_by, frozen_at = EXCLUDED.frozen_at""")
                .params(m.value(), period.toString(), pdf, json, by, Timestamp.from(clock.instant())).update();
    }

    public Optional<byte[]> frozenPdf(MunicipalityCode m, HalfYear period) {
        return jdbc.sql("SELECT frozen_pdf FROM reporting_board WHERE municipality = ? AND period = ? AND frozen_pdf IS NOT NULL")
                .params(m.value(), period.toString()).query(byte[].class).optional();
    }

    public Optional<String> frozenJson(MunicipalityCode m, HalfYear period) {
        return jdbc.sql("SELECT frozen_json FROM reporting_board WHERE municipality = ? AND period = ? AND frozen_json IS NOT NULL")
                .params(m.value(), period.toString()).query(String.class).optional();
    }

    private void lock(MunicipalityCode m, HalfYear period) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('reporting-board-' || ? || '-' || ?))").params(m.value(), period.toString())
                .query().listOfRows();
    }

    static ProblemException frozen(HalfYear period) {
        return new ProblemException(HttpStatus.CONFLICT, "reporting.board.problem.frozen", "The report is frozen", period.toString());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
