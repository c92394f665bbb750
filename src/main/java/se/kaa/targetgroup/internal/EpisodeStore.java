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

    Map<UUID, List<StoredEpisode>> episodesOf(Collection<UUID> personIds) {
        Map<UUID, List<StoredEpisode>> result = new HashMap<>();
        if (personIds.isEmpty()) {
            return result;
        }
        UUID[] ids = personIds.toArray(UUID[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT id, person_id, municipality, entered, reason, entry_kind, rule_set, exited, exit_reason
                    FROM membership_episode WHERE person_id = ANY (?) ORDER BY entered""");
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

    /** Inserts the episodes, or updates the one already stored for the same person, municipality and entry date. */
    int upsert(List<Map.Entry<UUID, Episode>> episodes, Instant computedAt) {
        if (episodes.isEmpty()) {
            return 0;
        }
        Timestamp ts = Timestamp.from(computedAt);
        jdbc.batchUpdate("""
                INSERT INTO membership_episode
                    (person_id, municipality, entered, reason, entry_kind, rule_set, exited, exit_reason, computed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (person_id, municipality, entered) DO UPDATE SET
                    reason = excluded.reason, entry_kind = excluded.entry_kind, rule_set = excluded.rule_set,
                    exited = excluded.exited, exit_reason = excluded.exit_reason, computed_at = excluded.computed_at""",
                episodes, 1000, (ps, entry) -> {
                    Episode e = entry.getValue();
                    ps.setObject(1, entry.getKey());
                    ps.setString(2, e.municipality().value());
                    ps.setObject(3, e.entered());
                    ps.setString(4, e.reason().name());
                    ps.setString(5, e.entryKind().name());
                    ps.setString(6, e.ruleSetAtEntry().name());
                    ps.setObject(7, e.exited());
                    ps.setString(8, e.exitReason() == null ? null : e.exitReason().name());
                    ps.setTimestamp(9, ts);
                });
        return episodes.size();
    }
}
