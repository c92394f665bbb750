package se.kaa.reporting.scb;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.platform.ProblemException;
import se.kaa.reporting.spec.ReturnSpec;
import se.kaa.reporting.spec.ReturnSpecs;
import se.kaa.reporting.spec.SpecProblems;
import se.kaa.shared.HalfYear;

/**
 * The specs of the SCB return: the one shipped with the application (provisional: our transcription of
 * the concepts, until an administrator confirms one against SCB's documents) and those uploaded. A
 * half-year uses the newest confirmed spec that applies to it, else the newest provisional one.
 */
@Component
public class ScbSpecs {

    /** The spec shipped with the application. */
    static final String SHIPPED = "reporting/scb/kaa-provisional-1.json";

    /** A stored spec: its row id, the parsed spec, and where it came from. */
    public record StoredSpec(long id, ReturnSpec spec, String sha256, boolean shipped, String uploadedBy, Instant uploadedAt) {

        public boolean appliesTo(HalfYear period) {
            return !spec.appliesFrom().isAfter(period.first())
                    && (spec.appliesTo() == null || !spec.appliesTo().isBefore(period.last()));
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    /** Parsed specs by checksum: a stored spec never changes, and every page and export asks for them. */
    private final java.util.Map<String, ReturnSpec> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    ScbSpecs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Every stored spec, newest first (the shipped one is stored on first use). */
    public List<StoredSpec> all() {
        ensureShipped();
        return jdbc.sql("SELECT * FROM reporting_spec ORDER BY uploaded_at DESC, id DESC")
                .query((rs, n) -> new StoredSpec(rs.getLong("id"), parsed.computeIfAbsent(rs.getString("sha256"),
                        sha -> parseStored(content(rs))), rs.getString("sha256"),
                        rs.getBoolean("shipped"), rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant()))
                .list();
    }

    public Optional<StoredSpec> byId(long id) {
        return all().stream().filter(s -> s.id() == id).findFirst();
    }

    /** The spec a half-year's return is made by: the newest confirmed one that applies, else the newest provisional one. */
    public StoredSpec forPeriod(HalfYear period) {
        List<StoredSpec> applying = all().stream().filter(s -> s.appliesTo(period)).toList();
        return applying.stream().filter(s -> !s.spec().provisional()).findFirst()
                .or(() -> applying.stream().findFirst())
                .orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "reporting.problem.noSpec",
                        "No spec of the SCB return applies to " + period, period.toString()));
    }

    /**
     * Stores an uploaded spec once it parses: otherwise {@code 400} listing every problem with its line.
     * The same id and version again is {@code 409} (a spec is never changed in place: a new one gets a new version).
     */
    @Transactional
    public StoredSpec upload(byte[] content, String by) {
        ReturnSpec spec;
        try {
            spec = ReturnSpecs.parse(content);
        } catch (SpecProblems e) {
            throw ProblemException.invalidFields(e.problems().stream()
                    .map(p -> new ProblemException.FieldProblem(p.field() == null ? "file" : p.field(),
                            "reporting.spec.problem", p.line(), p.message()))
                    .toList());
        }
        ensureShipped();
        if (jdbc.sql("SELECT count(*) FROM reporting_spec WHERE spec_id = ? AND version = ?")
                .params(spec.id(), spec.version()).query(Long.class).single() > 0) {
            throw new ProblemException(HttpStatus.CONFLICT, "reporting.problem.specExists",
                    "Spec " + spec.id() + " version " + spec.version() + " exists", spec.id(), spec.version());
        }
        long id = insert(spec, content, false, by);
        return byId(id).orElseThrow();
    }

    /** Stores the shipped spec when it is not stored yet. */
    void ensureShipped() {
        if (jdbc.sql("SELECT count(*) FROM reporting_spec WHERE shipped").query(Long.class).single() > 0) {
            return;
        }
        byte[] content = shippedContent();
        insert(parseStored(content), content, true, "system");
    }

    private long insert(ReturnSpec spec, byte[] content, boolean shipped, String by) {
        return jdbc.sql("""
                INSERT INTO reporting_spec (spec_id, version, provisional, title, applies_from, applies_to, content, sha256,
                                            shipped, uploaded_by, uploaded_at)
                VALUES (:id, :version, :provisional, :title, :from, :to, :content, :sha, :shipped, :by, :at)
                ON CONFLICT (spec_id, version) DO UPDATE SET shipped = reporting_spec.shipped
                RETURNING id""")
                .param("id", spec.id()).param("version", spec.version()).param("provisional", spec.provisional())
                .param("title", spec.title()).param("from", spec.appliesFrom()).param("to", spec.appliesTo())
                .param("content", content).param("sha", sha256(content)).param("shipped", shipped).param("by", by)
                .param("at", Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    private static byte[] content(java.sql.ResultSet rs) {
        try {
            return rs.getBytes("content");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] shippedContent() {
        try (InputStream in = ScbSpecs.class.getClassLoader().getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("The shipped spec " + SHIPPED + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReturnSpec parseStored(byte[] content) {
        try {
            return ReturnSpecs.parse(content);
        } catch (SpecProblems e) {
            throw new IllegalStateException("A stored spec no longer parses: " + e.problems());
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
