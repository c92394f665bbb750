package se.kaa.audit;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Reading the audit log: by person, by user and date range, and verifying the chain. */
public interface AuditTrail {

    /** The most entries one search returns. */
    int MAX_RESULTS = 10_000;

    /**
     * Entries matching every given criterion (null = any), newest first, at most {@link #MAX_RESULTS}.
     * Does not itself record the read: the caller records it (pages, API, register extract).
     */
    List<AuditEntry> search(Query query);

    /** Walks the whole chain in order and reports the first entry whose link or hash does not hold. */
    Verification verify();

    /** @param from first day included; @param to last day included (Swedish time) */
    record Query(UUID personId, String actor, LocalDate from, LocalDate to) {
    }

    /**
     * @param firstBrokenId the first entry whose previous-hash does not match its predecessor's hash or
     *                      whose own hash does not match its content; {@code null} when valid
     * @param lastHash      the newest entry's hash
     * @param heads         each chain's newest hash, by chain: kept outside the database, they also reveal
     *                      entries removed from the end of a chain (which no link can show)
     */
    record Verification(long entries, boolean valid, Long firstBrokenId, String lastHash,
                        java.util.SortedMap<Integer, String> heads) {
    }
}
