package se.kaa.audit.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.audit.AuditEntry;
import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.audit.AuditTrail;
import se.kaa.audit.SystemJob;

/**
 * Appends entries to the hash chain in {@code audit_entry}, in the caller's transaction when there
 * is one (an import's entry commits or rolls back with the import). A transaction-scoped advisory
 * lock serialises the writers, so every entry links to the one committed just before it.
 */
@Service
class JdbcAuditLog implements AuditLog, AuditTrail {

    /** The advisory lock key of the chain's head ("KAAaudit"). */
    static final long CHAIN_LOCK = 0x4B4141_6175646974L;

    private static final String COLUMNS = """
            id, occurred_at, actor, actor_type, municipality, action, kind, person_ids, context, protected_identity,
            prev_hash, hash, batch_id""";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    JdbcAuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(AuditEvent event) {
        String actor;
        String actorType;
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            actor = auth.getName();
            actorType = "USER";
        } else {
            actor = SystemJob.current() != null ? SystemJob.current() : "system";
            actorType = "SYSTEM";
        }
        List<UUID> persons = List.copyOf(new LinkedHashSet<>(event.personIds()));
        UUID[] ids = persons.toArray(UUID[]::new);
        Long batchId = event.batchId();
        boolean protectedIdentity;
        if (batchId != null) {
            // the batch's persons, through the view intake publishes
            protectedIdentity = Boolean.TRUE.equals(jdbc.queryForObject("""
                    SELECT EXISTS (SELECT 1 FROM intake_batch_person b JOIN person p ON p.id = b.person_id
                                   WHERE b.batch_id = ? AND p.protected_identity)""", Boolean.class, batchId));
        } else {
            protectedIdentity = ids.length > 0 && Boolean.TRUE.equals(jdbc.query(con -> {
                var ps = con.prepareStatement(
                        "SELECT EXISTS (SELECT 1 FROM person WHERE id = ANY (?) AND protected_identity)");
                ps.setArray(1, con.createArrayOf("uuid", ids));
                return ps;
            }, rs -> rs.next() && rs.getBoolean(1)));
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String municipality = event.municipality() == null ? null : event.municipality().value();
        String context = event.context() == null ? "" : event.context();

        jdbc.execute("SELECT pg_advisory_xact_lock(" + CHAIN_LOCK + ")");
        // The newest entry's hash; when retention removed every entry, the chain's recorded start.
        String prev = jdbc.query("""
                SELECT hash FROM ((SELECT hash, id FROM audit_entry ORDER BY id DESC LIMIT 1)
                                  UNION ALL (SELECT prev_hash, -1 FROM audit_chain_start)) h
                ORDER BY id DESC LIMIT 1""",
                rs -> rs.next() ? rs.getString(1) : AuditChain.GENESIS);
        long id = jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('audit_entry', 'id'))", Long.class);
        String hash = AuditChain.hash(id, at, actor, actorType, municipality, event.action(), event.kind().name(),
                persons, context, protectedIdentity, prev, batchId);
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO audit_entry (id, occurred_at, actor, actor_type, municipality, action, kind, person_ids,
                           context, protected_identity, prev_hash, hash, batch_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            ps.setLong(1, id);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, actor);
            ps.setString(4, actorType);
            ps.setString(5, municipality);
            ps.setString(6, event.action());
            ps.setString(7, event.kind().name());
            ps.setArray(8, con.createArrayOf("uuid", ids));
            ps.setString(9, context);
            ps.setBoolean(10, protectedIdentity);
            ps.setString(11, prev);
            ps.setString(12, hash);
            ps.setObject(13, batchId, java.sql.Types.BIGINT);
            return ps;
        });
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEntry> search(Query query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_entry WHERE true");
        List<Object> args = new ArrayList<>();
        if (query.personId() != null) {
            // named in the entry, or one of the persons of the import batch it names
            sql.append(" AND (person_ids @> ARRAY[?]::uuid[] OR batch_id IN "
                    + "(SELECT batch_id FROM intake_batch_person WHERE person_id = ?))");
            args.add(query.personId());
            args.add(query.personId());
        }
        if (query.actor() != null && !query.actor().isBlank()) {
            sql.append(" AND actor = ?");
            args.add(query.actor().strip());
        }
        if (query.from() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(startOf(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(startOf(query.to().plusDays(1)));
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(MAX_RESULTS);
        return jdbc.query(sql.toString(), (rs, n) -> entry(rs), args.toArray());
    }

    @Override
    @Transactional(readOnly = true)
    public Verification verify() {
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(500);
        long[] count = {0};
        Long[] broken = {null};
        // After retention removed the oldest entries, the chain starts at the last removed entry's hash.
        String[] previous = {jdbc.query("SELECT prev_hash FROM audit_chain_start",
                rs -> rs.next() ? rs.getString(1) : AuditChain.GENESIS)};
        streaming.query("SELECT " + COLUMNS + " FROM audit_entry ORDER BY id", rs -> {
            AuditEntry e = entry(rs);
            count[0]++;
            if (broken[0] == null) {
                String expected = AuditChain.hash(e.id(), e.occurredAt(), e.actor(), e.actorType(), e.municipality(),
                        e.action(), e.kind().name(), e.personIds(), e.context(), e.protectedIdentity(), e.prevHash(),
                        e.batchId());
                if (!e.prevHash().equals(previous[0]) || !e.hash().equals(expected)) {
                    broken[0] = e.id();
                }
            }
            previous[0] = e.hash();
        });
        return new Verification(count[0], broken[0] == null, broken[0],
                count[0] == 0 ? null : previous[0]);
    }

    private Timestamp startOf(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(clock.getZone()).toInstant());
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        Array array = rs.getArray("person_ids");
        UUID[] ids = array == null ? new UUID[0] : (UUID[]) array.getArray();
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
                rs.getString("actor_type"), rs.getString("municipality"), rs.getString("action"),
                AuditEvent.Kind.valueOf(rs.getString("kind")), Arrays.asList(ids), rs.getString("context"),
                rs.getBoolean("protected_identity"), rs.getString("prev_hash"), rs.getString("hash"),
                rs.getObject("batch_id", Long.class));
    }
}
