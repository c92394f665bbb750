package se.kaa.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;

/**
 * API keys: created by an administrator, shown once, stored as a SHA-256 hash.
 *
 * <p>A key is {@code kaa_} followed by 32 random bytes (256 bits) in base64url. With that much
 * entropy a fast, unsalted hash is safe: nobody can guess a key from its hash, and a slow password
 * hash (bcrypt, Argon2) would protect nothing more while costing every API request tens of
 * milliseconds. The hash is the lookup key, so authentication is one indexed read.
 */
@Component
public class ApiKeys {

    static final String KEY_PREFIX = "kaa_";
    private static final int SHOWN_PREFIX_LENGTH = KEY_PREFIX.length() + 6;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A key as listed for administrators: never the key itself. */
    public record ApiKey(long id, String name, String prefix, Role role, Set<MunicipalityCode> municipalities,
                  String createdBy, Instant createdAt, Instant expiresAt, Instant revokedAt, String revokedBy,
                  Instant lastUsedAt) {

        public boolean revoked() {
            return revokedAt != null;
        }

        public boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }

        public boolean activeAt(Instant now) {
            return !revoked() && !expiredAt(now);
        }
    }

    /** A new key with its secret, the only moment the secret exists outside the client. */
    public record CreatedKey(ApiKey key, String secret) {
    }

    @Transactional
    public CreatedKey create(String name, Role role, Set<MunicipalityCode> municipalities, Instant expiresAt, String createdBy) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Arrays.fill(bytes, (byte) 0);
        Instant now = clock.instant();
        String[] codes = municipalities.stream().map(MunicipalityCode::value).sorted().toArray(String[]::new);
        long id = jdbc.sql("""
                        INSERT INTO api_key (name, key_prefix, key_hash, role, municipalities, created_by, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(name.strip(), secret.substring(0, SHOWN_PREFIX_LENGTH), hash(secret), role.name(), codes,
                        createdBy, Timestamp.from(now), Timestamp.from(expiresAt))
                .query(Long.class).single();
        return new CreatedKey(find(id).orElseThrow(), secret);
    }

    public List<ApiKey> list() {
        return jdbc.sql("SELECT * FROM api_key ORDER BY revoked_at IS NOT NULL, created_at DESC, id DESC")
                .query((rs, n) -> map(rs)).list();
    }

    public Optional<ApiKey> find(long id) {
        return jdbc.sql("SELECT * FROM api_key WHERE id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    /** Revokes a key at once; false when there is no such key or it was already revoked. */
    @Transactional
    public boolean revoke(long id, String revokedBy) {
        return jdbc.sql("UPDATE api_key SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), revokedBy, id)
                .update() == 1;
    }

    /** The active key with this secret, if any; records its use (to the minute). */
    Optional<ApiKey> authenticate(String secret) {
        if (secret == null || !secret.startsWith(KEY_PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiKey> key = jdbc.sql("SELECT * FROM api_key WHERE key_hash = ?").param(hash(secret))
                .query((rs, n) -> map(rs)).optional()
                .filter(k -> k.activeAt(now));
        key.ifPresent(k -> {
            if (k.lastUsedAt() == null || !k.lastUsedAt().plus(LAST_USED_RESOLUTION).isAfter(now)) {
                jdbc.sql("UPDATE api_key SET last_used_at = ? WHERE id = ?").params(Timestamp.from(now), k.id()).update();
            }
        });
        return key;
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        Array array = rs.getArray("municipalities");
        Set<MunicipalityCode> codes = new TreeSet<>();
        for (Object code : (Object[]) array.getArray()) {
            codes.add(MunicipalityCode.of(code.toString()));
        }
        return new ApiKey(rs.getLong("id"), rs.getString("name"), rs.getString("key_prefix"),
                Role.valueOf(rs.getString("role")), codes, rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"),
                rs.getString("revoked_by"), instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
