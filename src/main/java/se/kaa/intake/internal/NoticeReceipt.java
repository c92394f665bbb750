package se.kaa.intake.internal;

import java.time.Instant;

/** Proof that a notice was received; {@code replay} when the Idempotency-Key had been used for it before. */
public record NoticeReceipt(long id, Instant receivedAt, boolean replay) {
}
