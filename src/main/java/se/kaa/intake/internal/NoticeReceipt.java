package se.kaa.intake.internal;

import java.time.Instant;

import se.kaa.intake.FactsChanged;

/**
 * Proof that a notice was received; {@code replay} when the Idempotency-Key had been used for it
 * before; {@code changed} the facts it changed (published after commit), {@code null} if none.
 */
public record NoticeReceipt(long id, Instant receivedAt, boolean replay, FactsChanged changed) {
}
