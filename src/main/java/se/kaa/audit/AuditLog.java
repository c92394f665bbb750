package se.kaa.audit;

/**
 * The append-only, tamper-evident log of every read and write of personal data. The actor is the
 * authenticated user or API client of the current request (or the named system job).
 */
public interface AuditLog {

    void record(AuditEvent event);
}
