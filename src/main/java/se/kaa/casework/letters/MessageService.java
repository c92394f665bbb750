package se.kaa.casework.letters;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.cases.CaseAccess;
import se.kaa.platform.ProblemException;
import se.kaa.shared.MunicipalityCode;

/**
 * E-mail and SMS to the young person, to the contact details recorded on her case. A message is
 * queued for the scheduled {@link OutboxSender} when its channel is configured (SMTP, an SMS gateway),
 * else it waits in the outbox (MANUAL) for staff to send by hand and mark as sent. Refused for a person
 * with protected identity and when the case has no address for the channel.
 */
@Component
public class MessageService {

    public enum Channel { EMAIL, SMS }

    public static final int MAX_SMS = 640;
    public static final int MAX_EMAIL = 10_000;
    public static final int MAX_SUBJECT = 200;

    /** A message as the outbox lists it. */
    public record Message(long id, long caseId, MunicipalityCode municipality, UUID personId, Channel channel,
                          String recipient, String subject, String body, String status, int attempts,
                          Instant nextAttemptAt, String lastError, String providerId, String createdBy,
                          Instant createdAt, Instant sentAt, String sentBy) {
    }

    private final JdbcClient jdbc;
    private final CaseAccess cases;
    private final MessageSettings settings;
    private final List<SmsGateway> gateways;
    private final AuditLog audit;
    private final Clock clock;

    MessageService(JdbcClient jdbc, CaseAccess cases, MessageSettings settings, List<SmsGateway> gateways,
                   AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.settings = settings;
        this.gateways = gateways;
        this.audit = audit;
        this.clock = clock;
    }

    /** The SMS gateway to use now; empty: outbox mode. */
    Optional<SmsGateway> gateway() {
        return gateways.stream().filter(SmsGateway::available).findFirst();
    }

    boolean configured(Channel channel) {
        return channel == Channel.EMAIL ? settings.smtpConfigured() : gateway().isPresent();
    }

    /** Where a message of this channel would go on this case; empty when she has none recorded. */
    public Optional<String> recipient(long caseId, Channel channel) {
        return jdbc.sql("SELECT " + (channel == Channel.EMAIL ? "email" : "phone")
                        + " FROM casework_contact_details WHERE case_id = ?").param(caseId)
                .query(String.class).optional().filter(s -> !s.isBlank());
    }

    /**
     * Queues a message on the case (checked with {@link CaseAccess}); the field problems are the
     * caller's. Returns the outbox id.
     */
    @Transactional
    public long queue(long caseId, Channel channel, String subject, String body, String by) {
        CaseAccess.CaseRef ref = cases.load(caseId);
        if (ref.protectedIdentity()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "letters.message.protected",
                    "No messages to a person with protected identity");
        }
        String recipient = recipient(caseId, channel).orElseThrow(() -> new ProblemException(
                HttpStatus.UNPROCESSABLE_CONTENT, "letters.message.noRecipient." + channel,
                "No " + channel + " recipient on the case"));
        boolean automatic = configured(channel);
        Timestamp now = Timestamp.from(clock.instant());
        long id = jdbc.sql("""
                INSERT INTO casework_outbox (case_id, channel, recipient, subject, body, status, next_attempt_at,
                                             created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(caseId, channel.name(), recipient, channel == Channel.EMAIL ? subject.strip() : null, body.strip(),
                        automatic ? "QUEUED" : "MANUAL", automatic ? now : null, by, now, now)
                .query(Long.class).single();
        audit.record(AuditEvent.write("MESSAGE_QUEUED", ref.municipality(), List.of(ref.personId()),
                "POST /arenden/{id}/meddelanden (" + channel + ", message " + id + ", "
                        + (automatic ? "queued" : "outbox") + ")"));
        return id;
    }

    /** Messages of these municipalities, newest first (the outbox page). */
    public List<Message> list(Collection<MunicipalityCode> municipalities, int limit) {
        if (municipalities.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE c.municipality IN (:m) ORDER BY (o.status IN ('MANUAL', 'UNCERTAIN')) DESC, o.created_at DESC, o.id DESC LIMIT :limit")
                .param("m", municipalities.stream().map(MunicipalityCode::value).toList())
                .param("limit", limit)
                .query(MessageService::message).list();
    }

    public List<Message> ofCase(long caseId) {
        return jdbc.sql(SELECT + " WHERE o.case_id = ? ORDER BY o.created_at DESC, o.id DESC").param(caseId)
                .query(MessageService::message).list();
    }

    Optional<Message> get(long id) {
        return jdbc.sql(SELECT + " WHERE o.id = ?").param(id).query(MessageService::message).optional();
    }

    /**
     * Staff sent a MANUAL (or FAILED) message by hand, or found that an UNCERTAIN one did go out: it
     * becomes SENT, is logged as a contact attempt and audited. The case is checked with
     * {@link CaseAccess}; an unknown message is {@code 404}, one in another state {@code 409}.
     */
    @Transactional
    public void markSent(long messageId, String by) {
        Message m = get(messageId).orElseThrow(() -> ProblemException.notFound("Message"));
        cases.load(m.caseId());
        int updated = jdbc.sql("""
                UPDATE casework_outbox SET status = 'SENT', sent_at = ?, sent_by = ?, updated_at = ?, next_attempt_at = NULL
                WHERE id = ? AND status IN ('MANUAL', 'FAILED', 'UNCERTAIN')""")
                .params(Timestamp.from(clock.instant()), by, Timestamp.from(clock.instant()), messageId).update();
        if (updated == 0) {
            throw new ProblemException(HttpStatus.CONFLICT, "letters.outbox.notManual", "Message is not waiting to be sent by hand");
        }
        sent(m, by, "POST /arenden/utskick/{id}/skickat");
    }

    /**
     * Staff checked an UNCERTAIN message (one whose sending was cut off) and found it did not go out: it
     * is queued again for the sender when its channel is configured, else it waits in the outbox to be
     * sent by hand. Audited; {@code 404} unknown, {@code 409} when it is not UNCERTAIN.
     */
    @Transactional
    public void requeue(long messageId, String by) {
        Message m = get(messageId).orElseThrow(() -> ProblemException.notFound("Message"));
        CaseAccess.CaseRef ref = cases.load(m.caseId());
        boolean automatic = configured(m.channel());
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                UPDATE casework_outbox SET status = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'UNCERTAIN'""")
                .params(automatic ? "QUEUED" : "MANUAL", automatic ? now : null, now, messageId).update();
        if (updated == 0) {
            throw new ProblemException(HttpStatus.CONFLICT, "letters.outbox.notUncertain", "Message is not uncertain");
        }
        audit.record(AuditEvent.write("MESSAGE_REQUEUED", ref.municipality(), List.of(ref.personId()),
                "POST /arenden/utskick/{id}/ko (" + m.channel() + ", message " + m.id() + ", by " + by + ")"));
    }

    /** Logs a message that went out as a contact attempt, and audits it. */
    void sent(Message m, String by, String context) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, note, message_id,
                                                      recorded_by, recorded_at)
                VALUES (?, ?, ?, 'SENT', ?, ?, ?, ?)""")
                .params(m.caseId(), now, m.channel().name(),
                        m.channel() == Channel.EMAIL ? "E-post: " + m.subject() : "Sms", m.id(), by, now).update();
        audit.record(AuditEvent.write("MESSAGE_SENT", m.municipality(), List.of(m.personId()),
                context + " (" + m.channel() + ", message " + m.id() + ")"));
    }

    static final String SELECT = """
            SELECT o.id, o.case_id, c.municipality, c.person_id, o.channel, o.recipient, o.subject, o.body, o.status,
                   o.attempts, o.next_attempt_at, o.last_error, o.provider_id, o.created_by, o.created_at, o.sent_at, o.sent_by
            FROM casework_outbox o JOIN casework_case c ON c.id = o.case_id""";

    static Message message(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Message(rs.getLong(1), rs.getLong(2), MunicipalityCode.of(rs.getString(3)),
                rs.getObject(4, UUID.class), Channel.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getInt(10), instant(rs.getTimestamp(11)), rs.getString(12),
                rs.getString(13), rs.getString(14), instant(rs.getTimestamp(15)), instant(rs.getTimestamp(16)),
                rs.getString(17));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Field problems of a message form: channel, subject (e-mail), body. */
    public static List<ProblemException.FieldProblem> validate(Channel channel, String subject, String body) {
        List<ProblemException.FieldProblem> problems = new ArrayList<>();
        if (channel == Channel.EMAIL) {
            if (subject == null || subject.isBlank()) {
                problems.add(new ProblemException.FieldProblem("subject", "letters.message.error.required"));
            } else if (subject.length() > MAX_SUBJECT) {
                problems.add(new ProblemException.FieldProblem("subject", "letters.message.error.tooLong", MAX_SUBJECT));
            }
        }
        int max = channel == Channel.SMS ? MAX_SMS : MAX_EMAIL;
        if (body == null || body.isBlank()) {
            problems.add(new ProblemException.FieldProblem("body", "letters.message.error.required"));
        } else if (body.length() > max) {
            problems.add(new ProblemException.FieldProblem("body", "letters.message.error.tooLong", max));
        }
        return problems;
    }
}
