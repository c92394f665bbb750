package se.kaa.reporting.scb;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import se.kaa.platform.ProblemException;
import se.kaa.reporting.scb.ScbReturns.Built;
import se.kaa.reporting.spec.SpecWriter;
import se.kaa.shared.HalfYear;
import se.kaa.shared.MunicipalityCode;

/**
 * The exports of a period, kept as made (file, spec, checksum, who, when): facts that arrive later do
 * not change one; exporting again makes the next version, and two versions can be compared person by
 * person, field by field. A period is locked once submitted; reopening it needs a reason. An export
 * with errors needs a manager's reason (kept with it); warnings do not stop it.
 */
@Component
public class ScbExports {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A record as stored: whose it is, and its values by column. */
    record Stored(String personnummer, java.util.UUID personId, Map<String, String> values) {
    }

    private static final TypeReference<List<Stored>> RECORDS = new TypeReference<>() { };

    /** A stored export, without its files. */
    public record Export(long id, int version, long specRowId, String specId, String specVersion, boolean provisional,
                         String sha256, int records, int errors, int warnings, String overrideReason, String createdBy,
                         Instant createdAt) {
    }

    /** The lock of a period: whether it is locked, and its history (newest first). */
    public record PeriodState(boolean locked, List<PeriodEvent> events) {
    }

    public record PeriodEvent(String kind, String reason, String actor, Instant at) {
    }

    /** One person's changed field. */
    public record FieldChange(String column, String before, String after) {
    }

    public record Changed(String personnummer, List<FieldChange> fields) {
    }

    /** What changed from version {@code from} to version {@code to}. */
    public record Diff(int from, int to, List<String> added, List<String> removed, List<Changed> changed) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ScbExports(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Stores the return as the period's next version: refused ({@code 409}) when the period is locked,
     * and when it has errors unless {@code overrideReason} says why it goes anyway.
     */
    @Transactional
    public Export export(Built built, String overrideReason, String by) {
        MunicipalityCode m = built.municipality();
        String period = built.period().toString();
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('reporting-scb-' || ? || '-' || ?))").params(m.value(), period)
                .query().listOfRows();
        if (state(m, built.period()).locked()) {
            throw new ProblemException(HttpStatus.CONFLICT, "reporting.problem.locked", "The period " + period + " is locked",
                    period);
        }
        String reason = overrideReason == null || overrideReason.isBlank() ? null : overrideReason.strip();
        if (built.errors() > 0 && reason == null) {
            throw new ProblemException(HttpStatus.CONFLICT, "reporting.problem.errors",
                    "The return has " + built.errors() + " errors", built.errors());
        }
        int version = jdbc.sql("SELECT COALESCE(max(version), 0) + 1 FROM reporting_scb_export WHERE municipality = ? AND period = ?")
                .params(m.value(), period).query(Integer.class).single();
        var spec = built.spec().spec();
        List<Map<String, String>> records = built.records();
        byte[] text = SpecWriter.delimited(spec, records);
        byte[] xlsx = SpecWriter.xlsx(spec, records, m.value(), period, version);
        long id = jdbc.sql("""
                INSERT INTO reporting_scb_export (municipality, period, version, spec, provisional, records, xlsx, text_file, sha256,
                                                  record_count, errors, warnings, override_reason, created_by, created_at)
                VALUES (:m, :period, :version, :spec, :provisional, CAST(:records AS jsonb), :xlsx, :text, :sha, :count,
                        :errors, :warnings, :reason, :by, :at)
                RETURNING id""")
                .param("m", m.value()).param("period", period).param("version", version).param("spec", built.spec().id())
                .param("provisional", spec.provisional())
                .param("records", JSON.writeValueAsString(built.lines().stream()
                        .map(l -> new Stored(l.pin().value(), l.personId(), l.values())).toList()))
                .param("xlsx", xlsx).param("text", text).param("sha", ScbSpecs.sha256(text)).param("count", records.size())
                .param("errors", (int) built.errors()).param("warnings", (int) built.warnings()).param("reason", reason)
                .param("by", by).param("at", Timestamp.from(clock.instant()))
                .query(Long.class).single();
        return byId(id).orElseThrow();
    }

    /** The period's exports, newest first. */
    public List<Export> list(MunicipalityCode m, HalfYear period) {
        return jdbc.sql(SELECT + " WHERE e.municipality = ? AND e.period = ? ORDER BY e.version DESC")
                .params(m.value(), period.toString()).query((rs, n) -> export(rs)).list();
    }

    public Optional<Export> get(MunicipalityCode m, HalfYear period, int version) {
        return jdbc.sql(SELECT + " WHERE e.municipality = ? AND e.period = ? AND e.version = ?")
                .params(m.value(), period.toString(), version).query((rs, n) -> export(rs)).optional();
    }

    private Optional<Export> byId(long id) {
        return jdbc.sql(SELECT + " WHERE e.id = ?").param(id).query((rs, n) -> export(rs)).optional();
    }

    /** The stored file of a version: {@code xlsx} or the delimited {@code text}. */
    public Optional<byte[]> file(MunicipalityCode m, HalfYear period, int version, boolean xlsx) {
        return jdbc.sql("SELECT " + (xlsx ? "xlsx" : "text_file") + " FROM reporting_scb_export WHERE municipality = ? AND period = ? AND version = ?")
                .params(m.value(), period.toString(), version).query(byte[].class).optional();
    }

    /** The persons of every record of a version (for the audit of a download). */
    public List<java.util.UUID> personIds(MunicipalityCode m, HalfYear period, int version) {
        return records(m, period, version).stream().map(Stored::personId).toList();
    }

    /** Persons added, removed and changed field by field from version {@code from} to version {@code to}. */
    public Diff diff(MunicipalityCode m, HalfYear period, int to, int from) {
        Map<String, Map<String, String>> before = byPerson(records(m, period, from));
        Map<String, Map<String, String>> after = byPerson(records(m, period, to));
        List<String> added = after.keySet().stream().filter(k -> !before.containsKey(k)).toList();
        List<String> removed = before.keySet().stream().filter(k -> !after.containsKey(k)).toList();
        List<Changed> changed = new ArrayList<>();
        after.forEach((pin, now) -> {
            Map<String, String> then = before.get(pin);
            if (then == null) {
                return;
            }
            Set<String> columns = new LinkedHashSet<>(now.keySet());
            columns.addAll(then.keySet());
            List<FieldChange> fields = columns.stream()
                    .filter(c -> !Objects.equals(blank(then.get(c)), blank(now.get(c))))
                    .map(c -> new FieldChange(c, blank(then.get(c)), blank(now.get(c)))).toList();
            if (!fields.isEmpty()) {
                changed.add(new Changed(pin, fields));
            }
        });
        return new Diff(from, to, added, removed, changed);
    }

    private List<Stored> records(MunicipalityCode m, HalfYear period, int version) {
        String json = jdbc.sql("SELECT records::text FROM reporting_scb_export WHERE municipality = ? AND period = ? AND version = ?")
                .params(m.value(), period.toString(), version).query(String.class).optional()
                .orElseThrow(() -> ProblemException.notFound("Export"));
        return JSON.readValue(json, RECORDS);
    }

    private static Map<String, Map<String, String>> byPerson(List<Stored> records) {
        Map<String, Map<String, String>> byPerson = new LinkedHashMap<>();
        records.forEach(r -> byPerson.put(r.personnummer(), r.values()));
        return byPerson;
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // --- the lock

    public PeriodState state(MunicipalityCode m, HalfYear period) {
        List<PeriodEvent> events = jdbc.sql("""
                SELECT kind, reason, actor, occurred_at FROM reporting_scb_period_event
                WHERE municipality = ? AND period = ? ORDER BY id DESC""").params(m.value(), period.toString())
                .query((rs, n) -> new PeriodEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant())).list();
        return new PeriodState(!events.isEmpty() && events.get(0).kind().equals("LOCKED"), events);
    }

    /** Locks the period (submitted): no export until it is reopened. Only a period with an export can be locked. */
    @Transactional
    public void lock(MunicipalityCode m, HalfYear period, String by) {
        lockRow(m, period);
        if (state(m, period).locked()) {
            throw new ProblemException(HttpStatus.CONFLICT, "reporting.problem.alreadyLocked", "Already locked", period.toString());
        }
        if (list(m, period).isEmpty()) {
            throw new ProblemException(HttpStatus.CONFLICT, "reporting.problem.nothingToLock", "No export to lock", period.toString());
        }
        event(m, period, "LOCKED", null, by);
    }

    /** Reopens a locked period, with the reason. */
    @Transactional
    public void reopen(MunicipalityCode m, HalfYear period, String reason, String by) {
        lockRow(m, period);
        if (!state(m, period).locked()) {
            throw new ProblemException(HttpStatus.CONFLICT, "reporting.problem.notLocked", "Not locked", period.toString());
        }
        event(m, period, "REOPENED", reason.strip(), by);
    }

    private void lockRow(MunicipalityCode m, HalfYear period) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('reporting-scb-' || ? || '-' || ?))").params(m.value(), period.toString())
                .query().listOfRows();
    }

    private void event(MunicipalityCode m, HalfYear period, String kind, String reason, String by) {
        jdbc.sql("""
                INSERT INTO reporting_scb_period_event (municipality, period, kind, reason, actor, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?)""").params(m.value(), period.toString(), kind, reason, by,
                Timestamp.from(clock.instant())).update();
    }

    private static final String SELECT = """
            SELECT e.id, e.version, e.spec, s.spec_id, s.version AS spec_version, e.provisional, e.sha256, e.record_count,
                   e.errors, e.warnings, e.override_reason, e.created_by, e.created_at
            FROM reporting_scb_export e JOIN reporting_spec s ON s.id = e.spec""";

    private static Export export(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Export(rs.getLong("id"), rs.getInt("version"), rs.getLong("spec"), rs.getString("spec_id"),
                rs.getString("spec_version"), rs.getBoolean("provisional"), rs.getString("sha256"), rs.getInt("record_count"),
                rs.getInt("errors"), rs.getInt("warnings"), rs.getString("override_reason"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
