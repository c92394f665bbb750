package se.kaa.targetgroup.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.audit.SystemJob;
import se.kaa.intake.FactStore;
import se.kaa.intake.FactsChanged;
import se.kaa.intake.ImportFollowUps;
import se.kaa.intake.PersonFacts;
import se.kaa.platform.Installation;
import se.kaa.platform.StreamedIds;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.Episode;
import se.kaa.targetgroup.MembershipsChanged;
import se.kaa.targetgroup.TargetGroupProperties;
import se.kaa.targetgroup.rules.TargetGroupEngine;

/**
 * Keeps the stored episodes equal to what the engine computes from the facts: after every change
 * of facts for the persons concerned, and daily for everyone (birthdays, grace periods). Writes only
 * differences, so recomputing without new facts changes nothing.
 *
 * <p>It follows {@link FactsChanged} durably: the event is recorded with the facts in the event
 * publication registry, and a recomputation that did not finish (the process died, or it failed) is
 * run again (docs/architecture.md, "Durable follow-up work"). Running it again is harmless: each
 * chunk is its own transaction and writes only what still differs, and chunks of the same persons
 * never run at once (advisory locks), so two runs – a retry and the original, or two instances –
 * cannot write an older state over a newer one.
 */
@Service
public class Recomputation {

    /** What a run did. */
    public record Result(int persons, int episodesWritten, int episodesDeleted) {
    }

    /** Above this many persons a run's event names nobody and asks listeners to look at everyone. */
    static final int MOST_PERSONS_NAMED = 10_000;

    /** Persons are locked in this many buckets by a hash of their id: a chunk takes at most this many locks. */
    private static final int LOCK_BUCKETS = 64;
    /** The advisory lock namespace of the buckets ("KAArecmp"). */
    private static final long LOCK_BASE = 0x4B41_4172_6563_0000L;

    /** The exit reason counted when the facts no longer show a membership at all (e.g. a withdrawn file). */
    static final String CORRECTED = "CORRECTED";

    private static final Logger log = LoggerFactory.getLogger(Recomputation.class);

    private final FactStore facts;
    private final EpisodeStore episodes;
    private final TargetGroupEngine engine;
    private final Installation installation;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int chunkSize;
    private final boolean catchUpOnStart;
    private final AuditLog audit;
    private final ImportFollowUps followUps;
    private final ApplicationEventPublisher events;
    private final DataSource dataSource;

    Recomputation(FactStore facts, EpisodeStore episodes, TargetGroupEngine engine, Installation installation,
                  PlatformTransactionManager transactionManager, JdbcClient jdbc, Clock clock,
                  TargetGroupProperties properties, AuditLog audit, ImportFollowUps followUps,
                  ApplicationEventPublisher events, DataSource dataSource) {
        this.dataSource = dataSource;
        this.events = events;
        this.facts = facts;
        this.episodes = episodes;
        this.engine = engine;
        this.installation = installation;
        // Each chunk commits on its own, whatever transaction (or streaming cursor) is around.
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.clock = clock;
        this.chunkSize = Math.max(1, properties.recomputeChunk());
        this.catchUpOnStart = properties.catchUpOnStart();
        this.audit = audit;
        this.followUps = followUps;
    }

    /**
     * Runs after the commit of the facts (or at once, outside a transaction), in transactions of its
     * own. When it throws, the publication stays incomplete and is resubmitted.
     */
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void on(FactsChanged event) {
        if (event.batchId() == null) {
            recompute(event.personIds(), event.cause(), false);
            return;
        }
        try {
            recomputeBatch(event.batchId(), event.cause());
        } catch (RuntimeException | Error e) {
            followUps.failed(event.batchId(), e);
            throw e;
        }
    }

    /** Daily, for 20th birthdays and grace periods that pass without new facts. */
    @Scheduled(cron = "${kaa.targetgroup.daily-cron:0 5 0 * * *}", zone = "Europe/Stockholm")
    @se.kaa.platform.ClusterJob(value = "recompute-daily", slot = se.kaa.platform.ClusterJobs.Slot.DAY)
    public void daily() {
        SystemJob.run("recompute", () -> recomputeDue("daily"));
    }

    /**
     * The daily run: only the persons whose next change point has come (their due day, written at each
     * recomputation, {@code targetgroup_due}), and those computed on a later day than today. Without new
     * facts nobody else's episodes can differ today (TargetGroupEngine.compute; DueDayTest walks every day
     * to show it). Until a full recomputation with this engine ({@link #engineFingerprint()}) has written
     * everyone's due day – after the upgrade that brought due days, on a new installation, after any
     * upgrade or change of the target-group settings (either may move change points) – it recomputes
     * everyone. Recorded as a full run: it leaves everyone's episodes as a full run would.
     */
    public Result recomputeDue(String cause) {
        boolean duesKnown = jdbc.sql("SELECT EXISTS (SELECT 1 FROM recomputation_run WHERE dues_written AND engine = ?)")
                .param(engineFingerprint()).query(Boolean.class).single();
        if (!duesKnown) {
            return recomputeAll(cause);
        }
        LocalDate today = LocalDate.now(clock);
        return run(cause, true, false, null, chunk -> StreamedIds.forEachChunk(dataSource, """
                SELECT person_id FROM targetgroup_due WHERE due <= ? OR computed_on > ?""",
                (con, ps) -> {
                    ps.setObject(1, today);
                    ps.setObject(2, today);
                }, chunkSize, chunk));
    }

    /**
     * After a start, catches up on a daily run missed while the application was down (birthdays and
     * grace periods pass without new facts), in the background so that the start is not held up.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    @se.kaa.platform.ClusterJob(value = "recompute-catch-up", slot = se.kaa.platform.ClusterJobs.Slot.DAY)
    void catchUpOnStart() {
        if (!catchUpOnStart) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        boolean ranToday = jdbc.sql("SELECT count(*) FROM recomputation_run WHERE full_run AND as_of >= ?")
                .param(today).query(Long.class).single() > 0;
        if (!ranToday) {
            Thread thread = new Thread(() -> SystemJob.run("recompute", () -> recomputeAll("start")),
                    "kaa-recompute-on-start");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Everyone ever registered or placed in a served municipality, and everyone with an episode (a
     * person deleted by retention loses hers), streamed a chunk at a time: a million persons never sit
     * in memory at once.
     */
    public Result recomputeAll(String cause) {
        String[] served = installation.servedMunicipalities().stream().map(MunicipalityCode::value)
                .toArray(String[]::new);
        return run(cause, true, true, null, chunk -> StreamedIds.forEachChunk(dataSource, """
                SELECT person_id FROM intake_registered_person WHERE municipality = ANY (?)
                UNION
                SELECT person_id FROM membership_episode
                ORDER BY 1""",
                (con, ps) -> ps.setArray(1, con.createArrayOf("text", served)), chunkSize, chunk));
    }

    public Result recompute(Collection<UUID> personIds, String cause, boolean full) {
        List<UUID> ids = new ArrayList<>(new LinkedHashSet<>(personIds));
        return run(cause, full, false, null, chunk -> {
            for (int from = 0; from < ids.size(); from += chunkSize) {
                chunk.accept(ids.subList(from, Math.min(ids.size(), from + chunkSize)));
            }
        });
    }

    /** Recomputes the persons whose facts an import batch changed, streamed from the batch. */
    public Result recomputeBatch(long batchId, String cause) {
        return run(cause, false, false, batchId, chunk -> facts.forEachPersonAffectedBy(batchId, chunkSize, chunk));
    }

    /** Workers of a run of more than one chunk: one per core, at most four. */
    static final int WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /**
     * Runs a run's chunks: a run of one chunk (a notice, a small file) on the caller's thread as it
     * comes; from a second chunk on, on {@link #WORKERS} threads, each person going to the worker of her
     * lock bucket ({@code bucket % WORKERS}), so two workers' chunks never share a bucket and never wait
     * for each other's locks (a chunk of 2,000 persons covers all 64 buckets: chunks as they come would
     * run one after another). Each worker has one chunk waiting at most, so the stream is read no faster
     * than the workers write: the heap stays flat. The caller's user or job name goes with each chunk (the
     * audit entries name them); the first failure stops the run and is thrown when it closes.
     */
    private final class Parallel implements AutoCloseable {
        private final Consumer<List<UUID>> work;
        private final org.springframework.security.core.context.SecurityContext security =
                org.springframework.security.core.context.SecurityContextHolder.getContext();
        private final String job = SystemJob.current();
        private List<UUID> first;
        private java.util.concurrent.ExecutorService[] workers;
        private List<List<UUID>> buffers;
        private final List<java.util.concurrent.Future<?>> pending = new ArrayList<>();
        private final java.util.concurrent.Semaphore waiting = new java.util.concurrent.Semaphore(2 * WORKERS);

        Parallel(Consumer<List<UUID>> work) {
            this.work = work;
        }

        void accept(List<UUID> chunk) {
            if (workers == null && first == null) {
                first = new ArrayList<>(chunk); // alone, it runs on the caller's thread
                return;
            }
            if (workers == null) {
                if (WORKERS == 1) {
                    work.accept(first);
                    first = null;
                    work.accept(chunk);
                    return;
                }
                workers = new java.util.concurrent.ExecutorService[WORKERS];
                buffers = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    int n = w;
                    workers[w] = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "kaa-recompute-" + n);
                        t.setDaemon(true);
                        return t;
                    });
                    buffers.add(new ArrayList<>());
                }
                List<UUID> held = first;
                first = null;
                held.forEach(this::route);
            }
            chunk.forEach(this::route);
        }

        private void route(UUID id) {
            int w = Math.floorMod(id.hashCode(), LOCK_BUCKETS) % WORKERS;
            List<UUID> buffer = buffers.get(w);
            buffer.add(id);
            if (buffer.size() >= chunkSize) {
                buffers.set(w, new ArrayList<>());
                submit(w, buffer);
            }
        }

        private void submit(int w, List<UUID> chunk) {
            failIfAny();
            try {
                waiting.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while recomputing", e);
            }
            pending.add(workers[w].submit(() -> {
                org.springframework.security.core.context.SecurityContext before =
                        org.springframework.security.core.context.SecurityContextHolder.getContext();
                org.springframework.security.core.context.SecurityContextHolder.setContext(security);
                try {
                    if (job != null) {
                        SystemJob.run(job, () -> work.accept(chunk));
                    } else {
                        work.accept(chunk);
                    }
                } finally {
                    org.springframework.security.core.context.SecurityContextHolder.setContext(before);
                    waiting.release();
                }
            }));
        }

        private void failIfAny() {
            for (java.util.concurrent.Future<?> f : pending) {
                if (f.isDone()) {
                    get(f);
                }
            }
        }

        private static void get(java.util.concurrent.Future<?> f) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while recomputing", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Runs what is left and waits for every chunk; throws the first failure. */
        @Override
        public void close() {
            if (workers == null) {
                if (first != null) {
                    List<UUID> only = first;
                    first = null;
                    work.accept(only);
                }
                return;
            }
            try {
                failIfAny(); // after a failure nothing more is started
                for (int w = 0; w < WORKERS; w++) {
                    if (!buffers.get(w).isEmpty()) {
                        submit(w, buffers.get(w));
                    }
                }
                for (java.util.concurrent.Future<?> f : pending) {
                    get(f);
                }
            } finally {
                for (java.util.concurrent.ExecutorService e : workers) {
                    e.shutdownNow();
                }
            }
        }
    }

    /** What a run counts as it goes. */
    private static final class Tally {
        int persons;
        int written;
        int deleted;
        final Set<UUID> named = new HashSet<>();
        boolean tooManyToName;
    }

    /**
     * What the due days depend on besides the facts: the engine's settings and the application's
     * version (a release may change the rules, and so the change points).
     */
    String engineFingerprint() {
        String version = Recomputation.class.getPackage().getImplementationVersion();
        return engine.settings() + " " + (version == null ? "development" : version);
    }

    /** {@code everyone}: the run recomputes every person there is, so every due day is written after it. */
    private Result run(String cause, boolean full, boolean everyone, Long batchId, Consumer<Consumer<List<UUID>>> source) {
        Instant started = clock.instant();
        LocalDate today = LocalDate.now(clock);
        Tally tally = new Tally();
        Consumer<List<UUID>> work = chunk -> {
            int[] counts = transactions.execute(status -> recomputeChunk(everyone ? chunk : withStays(chunk), today, started,
                    cause, batchId));
            synchronized (tally) {
                tally.persons += chunk.size();
                tally.written += counts[0];
                tally.deleted += counts[1];
                if (!tally.tooManyToName) {
                    tally.named.addAll(chunk);
                    if (tally.named.size() > MOST_PERSONS_NAMED) {
                        tally.named.clear();
                        tally.tooManyToName = true;
                    }
                }
            }
        };
        try (Parallel parallel = new Parallel(work)) {
            source.accept(parallel::accept);
        }
        transactions.executeWithoutResult(status -> {
            Instant finished = clock.instant();
            jdbc.sql("""
                    INSERT INTO recomputation_run (cause, full_run, as_of, persons, episodes_written, episodes_deleted,
                                                   started_at, finished_at, dues_written, engine)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(cause, full, today, tally.persons, tally.written, tally.deleted, Timestamp.from(started),
                            Timestamp.from(finished), everyone, everyone ? engineFingerprint() : null)
                    .update();
            // Recorded with the run: the case lifecycle follows after the commit, or after a crash.
            // listeners look at everyone after a run over everyone; after the daily run over those due, at them
            boolean lookAtEveryone = full && everyone || tally.tooManyToName;
            events.publishEvent(new MembershipsChanged(tally.named, today, lookAtEveryone, cause, batchId));
        });
        log.info("Recomputed the target group for {} persons ({}): {} episodes written, {} deleted",
                tally.persons, cause, tally.written, tally.deleted);
        return new Result(tally.persons, tally.written, tally.deleted);
    }

    /**
     * Those of {@code chunk} who can have episodes: registered or placed in a municipality, or with
     * episodes stored (which must then go). Nobody else can be a member of any municipality's group, so
     * computing them writes nothing – a school's file names every pupil, and in a first load the schools'
     * files come before the municipalities' snapshots: 700,000 persons computed for nothing, each with a
     * due day written. A run over everyone streams only such persons already. (Scalar subqueries with
     * LIMIT: as EXISTS … OR EXISTS the planner hashed every stored episode for each chunk.)
     */
    private List<UUID> withStays(List<UUID> chunk) {
        return jdbc.sql("""
                SELECT t.id FROM unnest(CAST(:ids AS uuid[])) AS t (id)
                WHERE (SELECT true FROM intake_registered_person r WHERE r.person_id = t.id LIMIT 1)
                   OR (SELECT true FROM membership_episode e WHERE e.person_id = t.id LIMIT 1)""")
                .param("ids", chunk.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .query(UUID.class).list();
    }

    private int[] recomputeChunk(List<UUID> chunk, LocalDate today, Instant now, String cause, Long batchId) {
        if (chunk.isEmpty()) {
            return new int[] {0, 0};
        }
        lock(chunk);
        Map<UUID, List<EpisodeStore.StoredEpisode>> stored = episodes.episodesOf(chunk);
        List<Map.Entry<UUID, Episode>> toWrite = new ArrayList<>();
        List<Long> toDelete = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        Set<UUID> changed = new LinkedHashSet<>();
        Map<String, Integer> entered = new TreeMap<>();
        Map<String, Integer> left = new TreeMap<>();
        Map<UUID, LocalDate> dues = new HashMap<>();
        for (PersonFacts person : facts.factsFor(chunk)) {
            seen.add(person.personId());
            TargetGroupEngine.Computed result = engine.compute(person, today, installation::serves);
            List<Episode> computed = result.episodes();
            dues.put(person.personId(), result.nextChange());
            List<EpisodeStore.StoredEpisode> before = stored.getOrDefault(person.personId(), List.of());
            int changes = toWrite.size() + toDelete.size();
            diff(person.personId(), computed, before, toWrite, toDelete);
            if (toWrite.size() + toDelete.size() > changes) {
                changed.add(person.personId());
                countMembershipChange(before.stream().map(EpisodeStore.StoredEpisode::episode).toList(), computed,
                        today, entered, left);
            }
        }
        for (UUID id : chunk) {
            if (!seen.contains(id) && stored.containsKey(id)) {
                // The person is gone (retention): so are her episodes.
                stored.get(id).forEach(s -> toDelete.add(s.id()));
                changed.add(id);
            }
        }
        if (!changed.isEmpty()) {
            audit.record(AuditEvent.write("EPISODES_RECOMPUTED", null, changed, "recompute " + cause));
        }
        int deleted = episodes.delete(toDelete);
        int written = episodes.upsert(toWrite, now);
        writeDues(chunk, dues, today);
        if (batchId != null) {
            followUps.addMembershipEffects(batchId, entered, left);
        }
        return new int[] {written, deleted};
    }

    /**
     * Each person's next due day, written only where it differs from the stored one (or was stored on a
     * later day than today); a person without facts any more loses hers.
     */
    private void writeDues(List<UUID> chunk, Map<UUID, LocalDate> dues, LocalDate today) {
        // one statement, through the primary key: a row is written only where the day differs (a first
        // version read the chunk's rows first with person_id = ANY (…), and the planner scanned the young
        // table for each chunk)
        List<UUID> gone = chunk.stream().filter(id -> !dues.containsKey(id)).toList();
        if (!dues.isEmpty()) {
            StringBuilder ids = new StringBuilder("{");
            StringBuilder days = new StringBuilder("{");
            for (Map.Entry<UUID, LocalDate> e : dues.entrySet()) { // the two arrays in the same order
                ids.append(ids.length() > 1 ? "," : "").append(e.getKey());
                days.append(days.length() > 1 ? "," : "").append(e.getValue() == null ? "NULL" : e.getValue().toString());
            }
            // Only the rows that differ go into the INSERT: ON CONFLICT … DO UPDATE … WHERE locks every
            // conflicting row even where it then writes nothing, so a full run that changed no due day
            // wrote a lock into each of a million rows. The chunk's ids drive the join, one index look-up
            // each, so that the statistics of this young table do not matter.
            jdbc.sql("""
                    INSERT INTO targetgroup_due AS d (person_id, due, computed_on)
                    SELECT t.p, t.n, :today FROM unnest(CAST(:ids AS uuid[]), CAST(:dues AS date[])) AS t (p, n)
                    LEFT JOIN targetgroup_due o ON o.person_id = t.p
                    WHERE o.person_id IS NULL OR o.due IS DISTINCT FROM t.n OR o.computed_on > :today
                    ON CONFLICT (person_id) DO UPDATE SET due = EXCLUDED.due, computed_on = EXCLUDED.computed_on
                    WHERE d.due IS DISTINCT FROM EXCLUDED.due OR d.computed_on > EXCLUDED.computed_on""")
                    .param("ids", ids.append('}').toString())
                    .param("dues", days.append('}').toString())
                    .param("today", today)
                    .update();
        }
        if (!gone.isEmpty()) {
            jdbc.sql("DELETE FROM targetgroup_due WHERE person_id = ANY (CAST(:ids AS uuid[]))")
                    .param("ids", gone.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}")))
                    .update();
        }
    }

    /**
     * Serialises chunks that share persons (a retry and the original run, two imports, two
     * instances): the later one reads the facts the earlier one committed. Buckets are locked in
     * order, so two chunks never wait for each other in a cycle.
     */
    private void lock(List<UUID> chunk) {
        String keys = chunk.stream().mapToLong(id -> LOCK_BASE + Math.floorMod(id.hashCode(), LOCK_BUCKETS)).distinct()
                .sorted().mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(",", "{", "}"));
        jdbc.sql("""
                SELECT count(*) FROM (SELECT pg_advisory_xact_lock(k) FROM
                    (SELECT unnest(CAST(:keys AS bigint[])) AS k ORDER BY 1) sorted) locked""")
                .param("keys", keys).query(Long.class).single();
    }

    /**
     * Who entered and who left the group today, by municipality: a member today before the change
     * and not after left it (by the exit reason of her episode, or {@value #CORRECTED} when the facts
     * no longer show that episode); the other way round she entered it (by reason of registration).
     */
    static void countMembershipChange(List<Episode> before, List<Episode> after, LocalDate today,
                                      Map<String, Integer> entered, Map<String, Integer> left) {
        Set<MunicipalityCode> municipalities = new HashSet<>();
        before.forEach(e -> municipalities.add(e.municipality()));
        after.forEach(e -> municipalities.add(e.municipality()));
        for (MunicipalityCode m : municipalities) {
            Episode was = current(before, m, today);
            Episode is = current(after, m, today);
            if (was == null && is != null) {
                entered.merge(is.reason().name(), 1, Integer::sum);
            } else if (was != null && is == null) {
                Episode ended = after.stream()
                        .filter(e -> e.municipality().equals(m) && e.entered().equals(was.entered()))
                        .findFirst().orElse(null);
                String reason = ended == null || ended.exitReason() == null ? CORRECTED : ended.exitReason().name();
                left.merge(reason, 1, Integer::sum);
            }
        }
    }

    private static Episode current(List<Episode> episodes, MunicipalityCode m, LocalDate today) {
        for (Episode e : episodes) {
            if (e.municipality().equals(m) && !e.entered().isAfter(today)
                    && (e.exited() == null || e.exited().isAfter(today))) {
                return e;
            }
        }
        return null;
    }

    private static void diff(UUID personId, List<Episode> computed, List<EpisodeStore.StoredEpisode> stored,
                             List<Map.Entry<UUID, Episode>> toWrite, List<Long> toDelete) {
        Set<Episode> storedEpisodes = new HashSet<>();
        for (EpisodeStore.StoredEpisode s : stored) {
            storedEpisodes.add(s.episode());
            boolean stillThere = computed.stream().anyMatch(c ->
                    c.municipality().equals(s.episode().municipality()) && c.entered().equals(s.episode().entered()));
            if (!stillThere) {
                toDelete.add(s.id());
            }
        }
        for (Episode e : computed) {
            if (!storedEpisodes.contains(e)) {
                toWrite.add(Map.entry(personId, e));
            }
        }
    }
}
