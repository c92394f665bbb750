package se.kaa.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The hash of an entry: SHA-256 over its canonical content followed by the previous entry's hash.
 * Each field is written as its length, a colon and its value, so no two different entries share a
 * canonical form.
 */
final class AuditChain {

    /** The previous hash of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /**
     * An entry's hash. The batch it names is written after the previous hash, and only when there is
     * one, so that entries written before batches were named keep their hashes; the chain is written
     * last, and only from chain 1 on, so that entries written when the log was one chain (chain 0) keep
     * theirs. Moving an entry to another chain changes its hash as well as breaking both chains' links.
     */
    static String hash(long id, Instant occurredAt, String actor, String actorType, String municipality, String action,
                       String kind, List<UUID> personIds, String context, boolean protectedIdentity, String prevHash,
                       Long batchId, int chain) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder text = new StringBuilder(128 + personIds.size() * 37);
        field(text, Long.toString(id));
        field(text, occurredAt.toString());
        field(text, actor);
        field(text, actorType);
        field(text, municipality);
        field(text, action);
        field(text, kind);
        field(text, Integer.toString(personIds.size()));
        for (UUID p : personIds) {
            text.append(p).append(',');
        }
        field(text, context);
        field(text, Boolean.toString(protectedIdentity));
        field(text, prevHash);
        if (batchId != null) {
            text.append("batch:");
            field(text, batchId.toString());
        }
        if (chain != 0) {
            text.append("chain:");
            field(text, Integer.toString(chain));
        }
        return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void field(StringBuilder text, String value) {
        if (value == null) {
            text.append("-;");
        } else {
            text.append(value.length()).append(':').append(value).append(';');
        }
    }
}
