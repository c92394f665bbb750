package se.kaa.intake;

import java.time.Instant;

/**
 * Where and when a fact was received: an import batch, a notice from a school organiser, or a
 * manual decision. Exactly one of {@code batchId} and {@code noticeId} is set unless the source
 * is {@link FactSource#MANUAL}.
 */
public record Provenance(FactSource source, Long batchId, Long noticeId, Instant receivedAt) {

    public static Provenance batch(FactSource source, long batchId, Instant receivedAt) {
        return new Provenance(source, batchId, null, receivedAt);
    }

    public static Provenance notice(long noticeId, Instant receivedAt) {
        return new Provenance(FactSource.NOTICE, null, noticeId, receivedAt);
    }

    /** English, for logs and technical explanations: "inskrivningar import batch 41". */
    public String describe() {
        if (batchId != null) {
            return source.name().toLowerCase() + " import batch " + batchId;
        }
        if (noticeId != null) {
            return "notice " + noticeId;
        }
        return source.name().toLowerCase();
    }
}
