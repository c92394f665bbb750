package se.kaa.reporting.board;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The national figures the board report uses: the newest version – the file shipped with KAA
 * ({@link NationalFigures#SHIPPED}, version 1) until an administrator uploads a newer one. A version is
 * never changed in place: an upload must carry a higher version than the one in use, and every version
 * stays listed with who stored it and when (a frozen board report keeps the figures it was made with).
 */
@Component
public class NationalFiguresStore {

    /** One version, newest first in {@link #versions()}; {@code uploadedBy} null for the shipped file. */
    public record Version(int version, String source, int figures, String uploadedBy, Instant uploadedAt, String sha256,
                          boolean inUse) {

        public boolean shipped() {
            return uploadedBy == null;
        }
    }

    private static final NationalFigures SHIPPED = NationalFigures.shipped();

    private final JdbcClient jdbc;
    private final Clock clock;
    /** Parsed stored versions: a version never changes, so it is parsed once. */
    private final Map<Integer, NationalFigures> parsed = new ConcurrentHashMap<>();

    NationalFiguresStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The figures in use: the highest version stored, or the shipped file when none is higher. */
    public NationalFigures current() {
        Integer newest = jdbc.sql("SELECT max(version) FROM reporting_national_figures").query(Integer.class).optional().orElse(null);
        if (newest == null || newest <= SHIPPED.version()) {
            return SHIPPED;
        }
        return parsed.computeIfAbsent(newest, v -> {
            byte[] content = jdbc.sql("SELECT content FROM reporting_national_figures WHERE version = ?").param(v)
                    .query((rs, n) -> rs.getBytes(1)).single();
            try {
                return NationalFigures.parse(content);
            } catch (NationalFigures.Problems e) {
                throw new IllegalStateException("Stored national figures version " + v + " no longer parse: " + e.problems());
            }
        });
    }

    /** Every version, the newest first, the shipped file last. */
    public List<Version> versions() {
        int inUse = current().version();
        List<Version> all = new ArrayList<>(jdbc.sql("""
                SELECT version, source, content, sha256, uploaded_by, uploaded_at FROM reporting_national_figures
                ORDER BY version DESC""")
                .query((rs, n) -> {
                    int v = rs.getInt("version");
                    return new Version(v, rs.getString("source"), figuresIn(v, rs.getBytes("content")),
                            rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant(), rs.getString("sha256"),
                            v == inUse);
                }).list());
        all.add(new Version(SHIPPED.version(), SHIPPED.source(), SHIPPED.entries().size(), null, null, null,
                SHIPPED.version() == inUse));
        return all;
    }

    /**
     * Stores a new version once it parses and is newer than the one in use; otherwise throws
     * {@link NationalFigures.Problems} naming every problem with its line (nothing is stored).
     */
    public NationalFigures upload(byte[] content, String by) throws NationalFigures.Problems {
        NationalFigures figures = NationalFigures.parse(content);
        int inUse = current().version();
        if (figures.version() <= inUse) {
            throw new NationalFigures.Problems(List.of(new NationalFigures.Problem(figures.versionLine(), "version",
                    "Fältet \"version\" är " + figures.version() + ", men version " + inUse + " används redan. En ny fil ska ha"
                            + " ett högre versionsnummer, t.ex. \"version\": " + (inUse + 1) + ".")));
        }
        int stored = jdbc.sql("""
                INSERT INTO reporting_national_figures (version, source, content, sha256, uploaded_by, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (version) DO NOTHING""")
                .params(figures.version(), figures.source(), content, sha256(content), by, Timestamp.from(clock.instant()))
                .update();
        if (stored == 0) { // someone stored the same version in the meantime
            throw new NationalFigures.Problems(List.of(new NationalFigures.Problem(figures.versionLine(), "version",
                    "Version " + figures.version() + " lagrades alldeles nyss av någon annan. Ladda om sidan och kontrollera vilken version som används.")));
        }
        parsed.put(figures.version(), figures);
        return figures;
    }

    private int figuresIn(int version, byte[] content) {
        NationalFigures f = parsed.get(version);
        if (f == null) {
            try {
                f = NationalFigures.parse(content);
                parsed.put(version, f);
            } catch (NationalFigures.Problems e) {
                return 0;
            }
        }
        return f.entries().size();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
