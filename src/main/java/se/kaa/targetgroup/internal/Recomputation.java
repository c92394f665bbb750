package se.kaa.targetgroup.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.event.TransactionalEventListener;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.audit.SystemJob;
import se.kaa.intake.FactStore;
import se.kaa.intake.FactsChanged;
import se.kaa.intake.PersonFacts;
import se.kaa.platform.Installation;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.Episode;
import se.kaa.targetgroup.rules.TargetGroupEngine;

/**
 * Keeps the stored episodes equal to what the engine computes from the facts: after every change
 * of facts for the persons concerned, and daily for everyone (birthdays, grace periods). Writes only
 * differences, so recomputing without new facts changes nothing.
 */
@Service
public class Recomputation {

    /** What a run did. */
    public record Result(int persons, int episodesWritten, int episodesDeleted) {
    }

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

    private final org.springframework.context.ApplicationEventPublisher events;

    Recomputation(FactStore facts, EpisodeStore episodes, TargetGroupEngine engine, Installation installation,
                  TransactionTemplate transactions, JdbcClient jdbc, Clock clock,
                  se.kaa.targetgroup.TargetGroupProperties properties, AuditLog audit,
                  org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.facts = facts;
        this.episodes = episodes;
        this.engine = engine;
        this.installation = installation;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.chunkSize = Math.max(1, properties.recomputeChunk());
        this.catchUpOnStart = properties.catchUpOnStart();
        this.audit = audit;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(FactsChanged event) {
        recompute(event.personIds(), event.cause(), false);
    }

    /** Daily, for 20th birthdays and grace periods that pass without new facts. */
    @Scheduled(cron = "${kaa.targetgroup.daily-cron:0 5 0 * * *}", zone = "Europe/Stockholm")
    @se.kaa.platform.ClusterJob(value = "recompute-daily", slot = se.kaa.platform.ClusterJobs.Slot.DAY)
    public void daily() {
        SystemJob.run("recompute", () -> recomputeAll("daily"));
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

    public Result recomputeAll(String cause) {
        Set<UUID> persons = new HashSet<>();
        for (MunicipalityCode m : installation.servedMunicipalities()) {
            persons.addAll(facts.personsEverRegisteredIn(m));
        }
        persons.addAll(jdbc.sql("SELECT DISTINCT person_id FROM membership_episode").query(UUID.class).list());
        return recompute(persons, cause, true);
    }

    public Result recompute(Collection<UUID> personIds, String cause, boolean full) {
        Instant started = clock.instant();
        LocalDate today = LocalDate.now(clock);
        List<UUID> ids = new ArrayList<>(new HashSet<>(personIds));
        int written = 0;
        int deleted = 0;
        for (int from = 0; from < ids.size(); from += chunkSize) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + chunkSize));
            int[] counts = transactions.execute(status -> recomputeChunk(chunk, today, started, cause));
            written += counts[0];
            deleted += counts[1];
        }
        Instant finished = clock.instant();
        jdbc.sql("""
                INSERT INTO recomputation_run (cause, full_run, as_of, persons, episodes_written, episodes_deleted, started_at, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(cause, full, today, ids.size(), written, deleted, Timestamp.from(started), Timestamp.from(finished))
                .update();
        log.info("Recomputed the target group for {} persons ({}): {} episodes written, {} deleted",
                ids.size(), cause, written, deleted);
        events.publishEvent(new se.kaa.targetgroup.MembershipsChanged(new HashSet<>(ids), today, full, cause));
        return new Result(ids.size(), written, deleted);
    }

    private int[] recomputeChunk(List<UUID> chunk, LocalDate today, Instant now, String cause) {
        Map<UUID, List<EpisodeStore.StoredEpisode>> stored = episodes.episodesOf(chunk);
        List<Map.Entry<UUID, Episode>> toWrite = new ArrayList<>();
        List<Long> toDelete = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        Set<UUID> changed = new java.util.LinkedHashSet<>();
        for (PersonFacts person : facts.factsFor(chunk)) {
            seen.add(person.personId());
            List<Episode> computed = new ArrayList<>();
            for (MunicipalityCode m : engine.municipalitiesOf(person)) {
                if (installation.serves(m)) {
                    computed.addAll(engine.episodes(person, m, today));
                }
            }
            int before = toWrite.size() + toDelete.size();
            diff(person.personId(), computed, stored.getOrDefault(person.personId(), List.of()), toWrite, toDelete);
            if (toWrite.size() + toDelete.size() > before) {
                changed.add(person.personId());
            }
        }
        for (UUID id : chunk) {
            if (!seen.contains(id)) {
                // The person is gone (retention): so are her episodes.
                stored.getOrDefault(id, List.of()).forEach(s -> toDelete.add(s.id()));
                if (stored.containsKey(id)) {
                    changed.add(id);
                }
            }
        }
        if (!changed.isEmpty()) {
            audit.record(AuditEvent.write("EPISODES_RECOMPUTED", null, changed, "recompute " + cause));
        }
        int deleted = episodes.delete(toDelete);
        int written = episodes.upsert(toWrite, now);
        return new int[] {written, deleted};
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
