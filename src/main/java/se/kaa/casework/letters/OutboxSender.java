package se.kaa.casework.letters;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import se.kaa.audit.SystemJob;
import se.kaa.casework.letters.MessageService.Channel;
import se.kaa.casework.letters.MessageService.Message;

/**
 * Sends the queued messages that are due, by SMTP or the SMS gateway. A failure is retried with
 * back-off (the retry delay, doubled after each further failure) until the maximum number of
 * attempts, then the message is FAILED (and can still be sent by hand from the outbox). A message sent
 * is logged as a contact attempt. SMS delivery status is polled from the provider until delivered or
 * failed (for at most {@link #POLL_FOR}). A message left SENDING by a sender that died is set aside as
 * UNCERTAIN ({@link #recoverStuck()}), never re-sent on its own.
 */
@Component
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    static final Duration POLL_FOR = Duration.ofDays(3);
    private static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MessageService messages;
    private final MessageSettings settings;
    private final Clock clock;

    OutboxSender(JdbcClient jdbc, TransactionTemplate transactions, MessageService messages, MessageSettings settings,
                 Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.messages = messages;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kaa.casework.messages.send-interval:30s}", initialDelayString = "${kaa.casework.messages.send-interval:30s}")
    @se.kaa.platform.ClusterJob("outbox-sender")
    void scheduled() {
        SystemJob.run("messages", () -> {
            sendDue();
            pollDeliveries();
        });
    }

    /**
     * Sets aside what a sender left in SENDING, on the same interval as the sender but as a job of its
     * own (once across instances).
     */
    @Scheduled(fixedDelayString = "${kaa.casework.messages.send-interval:30s}", initialDelayString = "${kaa.casework.messages.send-interval:30s}")
    @se.kaa.platform.ClusterJob("outbox-recovery")
    void scheduledRecovery() {
        SystemJob.run("messages", this::recoverStuck);
    }

    /**
     * Messages SENDING for longer than {@code kaa.casework.messages.sending-timeout} (default 10 minutes)
     * were claimed by a sender that never recorded the gateway's answer – it crashed, or its instance
     * died, between the claim and the answer. The provider may have received them, so they are not
     * queued again on their own (a young person gets no SMS twice): they become UNCERTAIN, listed on the
     * outbox for a person to check, mark sent or put back in the queue. Returns how many.
     */
    public int recoverStuck() {
        Duration timeout = settings.current().sendingTimeout();
        Timestamp now = now();
        List<Long> stuck = jdbc.sql("""
                UPDATE casework_outbox SET status = 'UNCERTAIN', next_attempt_at = NULL, updated_at = ?
                WHERE status = 'SENDING' AND updated_at < ? RETURNING id""")
                .params(now, Timestamp.from(clock.instant().minus(timeout)))
                .query(Long.class).list();
        if (!stuck.isEmpty()) {
            log.warn("{} message(s) were still SENDING after {} and may have been sent; set aside for a person to check: {}",
                    stuck.size(), timeout, stuck);
        }
        return stuck.size();
    }

    /** Sends every due queued message once; returns how many went out. Safe to run concurrently. */
    public synchronized int sendDue() {
        int sent = 0;
        while (true) {
            List<Long> claimed = transactions.execute(status -> jdbc.sql("""
                    UPDATE casework_outbox SET status = 'SENDING', updated_at = :now
                    WHERE id IN (SELECT id FROM casework_outbox WHERE status = 'QUEUED' AND next_attempt_at <= :now
                                 ORDER BY next_attempt_at, id LIMIT :batch FOR UPDATE SKIP LOCKED)
                    RETURNING id""").param("now", Timestamp.from(clock.instant())).param("batch", BATCH)
                    .query(Long.class).list());
            for (long id : claimed) {
                if (attempt(id)) {
                    sent++;
                }
            }
            if (claimed.size() < BATCH) {
                return sent;
            }
        }
    }

    private boolean attempt(long id) {
        Message m = messages.get(id).orElse(null);
        if (m == null) {
            return false;
        }
        if (!messages.configured(m.channel())) {
            // the gateway was switched off since it was queued: staff send it by hand
            update("UPDATE casework_outbox SET status = 'MANUAL', next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status = 'SENDING'",
                    now(), id);
            return false;
        }
        // The sending timeout runs from here, not from the claim of the whole batch; and a message set
        // aside as UNCERTAIN in the meantime is left to the person who checks it.
        if (jdbc.sql("UPDATE casework_outbox SET updated_at = ? WHERE id = ? AND status = 'SENDING'")
                .params(now(), id).update() == 0) {
            return false;
        }
        String providerId;
        try {
            providerId = m.channel() == Channel.EMAIL ? email(m) : sms(m);
        } catch (RuntimeException e) {
            failed(m, e);
            return false;
        }
        // It went out. Set aside as UNCERTAIN meanwhile (a gateway slower than the timeout), it is still
        // SENT now – unless a person already marked it sent, which logged the contact attempt.
        Boolean logged = transactions.execute(status -> {
            int updated = jdbc.sql("""
                    UPDATE casework_outbox SET status = 'SENT', attempts = attempts + 1, provider_id = ?, sent_at = ?,
                           sent_by = ?, next_attempt_at = NULL, last_error = NULL, updated_at = ?
                    WHERE id = ? AND status IN ('SENDING', 'UNCERTAIN')""")
                    .params(providerId, now(), m.createdBy(), now(), id).update();
            if (updated == 1) {
                messages.sent(m, m.createdBy(), "outbox sender");
            }
            return updated == 1;
        });
        return Boolean.TRUE.equals(logged);
    }

    private void failed(Message m, RuntimeException e) {
        int attempts = m.attempts() + 1;
        LettersProperties props = settings.current();
        String error = error(e);
        if (attempts >= props.maxAttempts()) {
            update("""
                    UPDATE casework_outbox SET status = 'FAILED', attempts = ?, last_error = ?, next_attempt_at = NULL,
                           updated_at = ? WHERE id = ? AND status IN ('SENDING', 'UNCERTAIN')""", attempts, error, now(), m.id());
            log.warn("Message {} failed for good after {} attempts: {}", m.id(), attempts, error);
        } else {
            Duration delay = props.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 16));
            update("""
                    UPDATE casework_outbox SET status = 'QUEUED', attempts = ?, last_error = ?, next_attempt_at = ?,
                           updated_at = ? WHERE id = ? AND status IN ('SENDING', 'UNCERTAIN')""",
                    attempts, error, Timestamp.from(clock.instant().plus(delay)), now(), m.id());
            log.info("Message {} attempt {} failed, retry in {}: {}", m.id(), attempts, delay, error);
        }
    }

    private String email(Message m) {
        try {
            var sender = settings.mailSender();
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, "UTF-8");
            helper.setFrom(settings.current().mailFrom());
            helper.setTo(m.recipient());
            helper.setSubject(m.subject());
            helper.setText(m.body(), false);
            sender.send(mime);
            return mime.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException("Mail could not be composed: " + e.getClass().getSimpleName(), e);
        }
    }

    private String sms(Message m) {
        SmsGateway gateway = messages.gateway().orElseThrow(() -> new SmsGateway.SmsException("No SMS gateway"));
        return gateway.send(m.recipient(), m.body());
    }

    /** Asks the SMS provider about messages it accepted and has not reported on yet. */
    public int pollDeliveries() {
        Optional<SmsGateway> gateway = messages.gateway();
        if (gateway.isEmpty()) {
            return 0;
        }
        List<Message> pending = jdbc.sql(MessageService.SELECT + """
                 WHERE o.channel = 'SMS' AND o.status = 'SENT' AND o.provider_id IS NOT NULL AND o.sent_at >= ?
                ORDER BY o.id LIMIT 200""").param(Timestamp.from(clock.instant().minus(POLL_FOR)))
                .query(MessageService::message).list();
        int changed = 0;
        for (Message m : pending) {
            Optional<SmsGateway.DeliveryStatus> status = gateway.get().status(m.providerId());
            if (status.isPresent() && status.get() != SmsGateway.DeliveryStatus.PENDING) {
                boolean delivered = status.get() == SmsGateway.DeliveryStatus.DELIVERED;
                update("UPDATE casework_outbox SET status = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = 'SENT'",
                        delivered ? "DELIVERED" : "FAILED", delivered ? null : "Provider reported the SMS undelivered",
                        now(), m.id());
                changed++;
            }
        }
        return changed;
    }

    private static String error(RuntimeException e) {
        String message = e instanceof SmsGateway.SmsException ? e.getMessage()
                : e.getClass().getSimpleName() + (e.getCause() != null ? " (" + e.getCause().getClass().getSimpleName() + ")" : "");
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private void update(String sql, Object... params) {
        jdbc.sql(sql).params(params).update();
    }
}
