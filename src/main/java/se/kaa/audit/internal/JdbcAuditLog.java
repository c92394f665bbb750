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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import se.kaa.audit.AuditEntry;
import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.audit.AuditTrail;
import se.kaa.audit.SystemJob;

/**
 * Appends entries to the hash chains in {@code audit_entry}, in the caller's transaction when there
 * is one (an import's entry commits or rolls back with the import). The log is {@value #CHAINS} chains:
 * a writing transaction takes the transaction-scoped advisory lock of one – a free one if any, starting
 * from its thread's, else it waits for its thread's – and links every entry it writes into that chain,
 * so each entry links to the one of its chain committed just before it, and sixteen transactions commit
 * at once instead of one (the single chain's lock, held to the commit, made every writer of the
 * installation wait in line: issue 11). One chain per transaction also means no transaction ever waits
 * for a second chain while holding one, so writers cannot deadlock on the chains.
 */
@Service
class JdbcAuditLog implements AuditLog, AuditTrail {

    /** How many chains the log is written into (entries before migration V032 are all chain 0). */
    static final int CHAINS = 16;

    /** The first key of a chain's advisory lock ("KAAc"); the second is the chain's number. */
    static final int CHAIN_LOCK = 0x4B414163;

    /** The transaction's chain, bound for the transaction's life (see {@link #chainOfThisTransaction()}). */
    private static final Object CHAIN_RESOURCE = new Object();

    private static final String COLUMNS = """
            id, occurred_at, actor, actor_type, municipality, action, kind, person_ids, context, protected_identity,
            prev_hash, hash, batch_id, chain""";

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
        if (event.protectedIdentity() != null) {
            protectedIdentity = event.protectedIdentity();
        } else if (batchId != null) {
            // the batch's persons, through the view intake publishes. From the few protected persons to
            // the batch, not the other way: a snapshot's million persons through the view's UNION took
            // 18 s on a second snapshot (the import benchmark), each protected person's look-up is indexed.
            // (A scalar subquery with LIMIT, so that the planner cannot turn it into a join over the view.)
            protectedIdentity = Boolean.TRUE.equals(jdbc.queryForObject("""
                    SELECT EXISTS (SELECT 1 FROM person p WHERE p.protected_identity
                                   AND (SELECT true FROM intake_batch_person b
                                        WHERE b.batch_id = ? AND b.person_id = p.id LIMIT 1))""", Boolean.class, batchId));
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

        int chain = chainOfThisTransaction();
        // The newest entry's hash of the chain; when retention removed all of them, the chain's recorded start.
        String prev = jdbc.query("""
                SELECT hash FROM ((SELECT hash, id FROM audit_entry WHERE chain = ? ORDER BY id DESC LIMIT 1)
                                  UNION ALL (SELECT prev_hash, -1 FROM audit_chain_start WHERE chain = ?)) h
                ORDER BY id DESC LIMIT 1""",
                rs -> rs.next() ? rs.getString(1) : AuditChain.GENESIS, chain, chain);
        long id = jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('audit_entry', 'id'))", Long.class);
        String hash = AuditChain.hash(id, at, actor, actorType, municipality, event.action(), event.kind().name(),
                persons, context, protectedIdentity, prev, batchId, chain);
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO audit_entry (id, occurred_at, actor, actor_type, municipality, action, kind, person_ids,
                           context, protected_identity, prev_hash, hash, batch_id, chain)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
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
            ps.setInt(14, chain);
            return ps;
        });
    }

    /**
     * The chain this transaction writes into, locked until it ends: taken at its first entry and kept for
     * the rest (a second chain could deadlock with another writer holding it and waiting for the first).
     */
    private int chainOfThisTransaction() {
        Integer bound = (Integer) TransactionSynchronizationManager.getResource(CHAIN_RESOURCE);
        if (bound != null) {
            return bound;
        }
        int preferred = Math.floorMod(System.identityHashCode(Thread.currentThread()), CHAINS);
        Integer chain = null;
        for (int i = 0; i < CHAINS && chain == null; i++) {
            int c = (preferred + i) % CHAINS;
            if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?, ?)", Boolean.class, CHAIN_LOCK, c))) {
                chain = c;
            }
        }
        if (chain == null) { // every chain busy: wait in line for this thread's
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, ?)::text", String.class, CHAIN_LOCK, preferred);
            chain = preferred;
        }
        int taken = chain;
        TransactionSynchronizationManager.bindResource(CHAIN_RESOURCE, taken);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResource(CHAIN_RESOURCE);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(CHAIN_RESOURCE, taken);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(CHAIN_RESOURCE);
            }
        });
        return taken;
    }

    /**
     * Locks every chain, in order, for the rest of the caller's transaction: nobody appends while
     * retention moves the chains' starts. (A writer holds one chain and waits for none other, so taking
     * them all in order cannot deadlock.)
     */
    void lockAllChains() {
        for (int c = 0; c < CHAINS; c++) {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, ?)::text", String.class, CHAIN_LOCK, c);
        }
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
        long[] newest = {Long.MIN_VALUE};
        String[] newestHash = {null};
        // per chain: the hash the next entry must link to, and the first entry that does not
        Map<Integer, String> previous = new HashMap<>();
        Map<Integer, Long> broken = new HashMap<>();
        // After retention removed the oldest entries, each chain starts at its last removed entry's hash.
        Map<Integer, String> starts = new HashMap<>();
        jdbc.query("SELECT chain, prev_hash FROM audit_chain_start", rs -> {
            starts.put(rs.getInt(1), rs.getString(2));
        });
        streaming.query("SELECT " + COLUMNS + " FROM audit_entry ORDER BY chain, id", rs -> {
            AuditEntry e = entry(rs);
            count[0]++;
            if (!broken.containsKey(e.chain())) {
                String expected = AuditChain.hash(e.id(), e.occurredAt(), e.actor(), e.actorType(), e.municipality(),
                        e.action(), e.kind().name(), e.personIds(), e.context(), e.protectedIdentity(), e.prevHash(),
                        e.batchId(), e.chain());
                String link = previous.getOrDefault(e.chain(), starts.getOrDefault(e.chain(), AuditChain.GENESIS));
                if (!e.prevHash().equals(link) || !e.hash().equals(expected)) {
                    broken.put(e.chain(), e.id());
                }
            }
            previous.put(e.chain(), e.hash());
            if (e.id() > newest[0]) {
                newest[0] = e.id();
                newestHash[0] = e.hash();
            }
        });
        Long firstBroken = broken.values().stream().min(Long::compare).orElse(null);
        return new Verification(count[0], firstBroken == null, firstBroken, newestHash[0],
                java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(previous)));
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
                rs.getObject("batch_id", Long.class), rs.getInt("chain"));
    }
}
