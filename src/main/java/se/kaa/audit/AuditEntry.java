package se.kaa.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One stored entry of the audit log, as a granskare or a register extract reads it.
 *
 * @param actorType {@code USER} (a signed-in user or API client) or {@code SYSTEM} (a named job)
 * @param protectedIdentity any of the persons had protected identity when the entry was written
 * @param batchId   the import batch whose persons the entry concerns ({@link AuditEvent#batchId()}), or
 *                  {@code null}
 * @param chain     which of the log's hash chains the entry is linked into (0 for every entry written
 *                  before the log had several)
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String actorType, String municipality,
                         String action, AuditEvent.Kind kind, List<UUID> personIds, String context,
                         boolean protectedIdentity, String prevHash, String hash, Long batchId, int chain) {
}
