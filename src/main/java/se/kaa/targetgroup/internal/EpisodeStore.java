package se.kaa.targetgroup.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.EntryKind;
import se.kaa.targetgroup.Episode;
import se.kaa.targetgroup.ExitReason;
import se.kaa.targetgroup.ReasonForRegistration;
import se.kaa.targetgroup.RuleSetVersion;

/** Stored membership episodes, written as differences so that unchanged episodes keep their rows. */
@Repository
class EpisodeStore {

    /** A stored episode with its row id. */
    record StoredEpisode(long id, UUID personId, Episode episode) {
    }

    private final JdbcTemplate jdbc;

    EpisodeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The stored episodes of the persons. Driven by the ids, one index look-up each, whatever the
     * table's statistics say: the recomputation writes this table, and during a first load it grows
     * from nothing faster than it is analysed – {@code person_id = ANY (…)} was then planned as a
     * sequential scan of the whole table for each chunk, two thirds of the database's time in a first
     * load of a million (sampled from {@code pg_stat_activity}, docs/performance.md).
     */
    Map<UUID, List<StoredEpisode>> episodesOf(Collection<UUID> personIds) {
        Map<UUID, List<StoredEpisode>> result = new HashMap<>();
        if (personIds.isEmpty()) {
            return result;
        }
        UUID[] ids = personIds.toArray(UUID[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT e.id, e.person_id, e.municipality, e.entered, e.reason, e.entry_kind, e.rule_set, e.exited,
                           e.exit_reason
                    FROM unnest(?::uuid[]) AS ids (id) JOIN membership_episode e ON e.person_id = ids.id
                    ORDER BY e.entered""");
            ps.setArray(1, con.createArrayOf("uuid", ids));
            return ps;
        }, rs -> {
            UUID personId = rs.getObject(2, UUID.class);
            String exitReason = rs.getString(9);
            Episode episode = new Episode(
                    MunicipalityCode.of(rs.getString(3)),
                    rs.getObject(4, LocalDate.class),
                    ReasonForRegistration.valueOf(rs.getString(5)),
                    EntryKind.valueOf(rs.getString(6)),
                    RuleSetVersion.valueOf(rs.getString(7)),
                    rs.getObject(8, LocalDate.class),
                    exitReason == null ? null : ExitReason.valueOf(exitReason));
            result.computeIfAbsent(personId, k -> new ArrayList<>()).add(new StoredEpisode(rs.getLong(1), personId, episode));
        });
        return result;
    }

    int delete(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Long[] array = ids.toArray(Long[]::new);
        return jdbc.update(con -> {
            var ps = con.prepareStatement("DELETE FROM membership_episode WHERE id = ANY (?)");
            ps.setArray(1, con.createArrayOf("bigint", array));
            return ps;
        });
    }

    /**
     * Inserts the episodes, or updates the one already stored for the same person, municipality and
     * entry date – in one statement over arrays: a first load writes 800,000 episodes, and a JDBC batch
     * of single-row statements executed each of them on its own.
     */
    int upsert(List<Map.Entry<UUID, Episode>> episodes, Instant computedAt) {
        if (episodes.isEmpty()) {
            return 0;
        }
        // one row per key, the last as a batch of single statements would have left it (one statement
        // may not update a row twice)
        Map<String, Map.Entry<UUID, Episode>> byKey = new java.util.LinkedHashMap<>();
        for (Map.Entry<UUID, Episode> entry : episodes) {
            byKey.put(entry.getKey() + " " + entry.getValue().municipality().value() + " " + entry.getValue().entered(),
                    entry);
        }
        episodes = new ArrayList<>(byKey.values());
        int n = episodes.size();
        UUID[] persons = new UUID[n];
        String[] municipalities = new String[n];
        java.sql.Date[] entered = new java.sql.Date[n];
        String[] reasons = new String[n];
        String[] kinds = new String[n];
        String[] ruleSets = new String[n];
        java.sql.Date[] exited = new java.sql.Date[n];
        String[] exitReasons = new String[n];
        for (int i = 0; i < n; i++) {
            Map.Entry<UUID, Episode> entry = episodes.get(i);
            Episode e = entry.getValue();
            persons[i] = entry.getKey();
            municipalities[i] = e.municipality().value();
            entered[i] = java.sql.Date.valueOf(e.entered());
            reasons[i] = e.reason().name();
            kinds[i] = e.entryKind().name();
            ruleSets[i] = e.ruleSetAtEntry().name();
            exited[i] = e.exited() == null ? null : java.sql.Date.valueOf(e.exited());
            exitReasons[i] = e.exitReason() == null ? null : e.exitReason().name();
        }
        Timestamp ts = Timestamp.from(computedAt);
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO membership_episode
                        (person_id, municipality, entered, reason, entry_kind, rule_set, exited, exit_reason, computed_at)
                    SELECT p, m, en, r, k, rs, ex, er, ? FROM unnest(?::uuid[], ?::text[], ?::date[], ?::text[], ?::text[],
                                                                 ?::text[], ?::date[], ?::text[]) AS t (p, m, en, r, k, rs, ex, er)
                    ON CONFLICT (person_id, municipality, entered) DO UPDATE SET
                        reason = excluded.reason, entry_kind = excluded.entry_kind, rule_set = excluded.rule_set,
                        exited = excluded.exited, exit_reason = excluded.exit_reason, computed_at = excluded.computed_at""");
            ps.setTimestamp(1, ts);
            ps.setArray(2, con.createArrayOf("uuid", persons));
            ps.setArray(3, con.createArrayOf("text", municipalities));
            ps.setArray(4, con.createArrayOf("date", entered));
            ps.setArray(5, con.createArrayOf("text", reasons));
            ps.setArray(6, con.createArrayOf("text", kinds));
            ps.setArray(7, con.createArrayOf("text", ruleSets));
            ps.setArray(8, con.createArrayOf("date", exited));
            ps.setArray(9, con.createArrayOf("text", exitReasons));
            return ps;
        });
        return n;
    }
}
