package se.kaa.audit;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import se.kaa.shared.MunicipalityCode;

/**
 * One read or write of personal data, as the law asks it to be logged: what was done, in which
 * municipality, to which persons, and in what context (the page, endpoint or job). Who and when are
 * added by the {@link AuditLog}.
 *
 * @param action       e.g. {@code PERSON_VIEWED}, {@code MEMBERS_LISTED}, {@code IMPORT_UPLOADED}
 * @param kind         read or write
 * @param municipality the municipality the data belongs to, {@code null} when none applies
 * @param personIds    the persons whose data was read or written (may be many for a list)
 * @param context      where it happened, e.g. {@code GET /api/v1/persons/{id}} or {@code import batch 41};
 *                     never a personnummer
 * @param batchId      the import batch whose persons the event concerns, instead of listing them: an
 *                     import of a million rows is one entry naming its batch, and the persons are
 *                     those of the batch's rows (the audit search by person finds it); {@code null}
 *                     for every other event
 * @param protectedIdentity whether the persons include one with protected identity, when the caller
 *                     already knows it cheaply (an import, from its staged rows); {@code null}: the audit
 *                     log finds out
 */
public record AuditEvent(String action, Kind kind, MunicipalityCode municipality, List<UUID> personIds,
                         String context, Long batchId, Boolean protectedIdentity) {

    public enum Kind { READ, WRITE }

    public AuditEvent {
        personIds = List.copyOf(personIds);
    }

    public AuditEvent(String action, Kind kind, MunicipalityCode municipality, List<UUID> personIds, String context) {
        this(action, kind, municipality, personIds, context, null, null);
    }

    /** An event about the persons of an import batch (its accepted rows), named by the batch. */
    public static AuditEvent ofBatch(String action, Kind kind, MunicipalityCode municipality, long batchId,
                                     String context) {
        return new AuditEvent(action, kind, municipality, List.of(), context, batchId, null);
    }

    /** As {@link #ofBatch(String, Kind, MunicipalityCode, long, String)}, with whether its persons include a protected one. */
    public static AuditEvent ofBatch(String action, Kind kind, MunicipalityCode municipality, long batchId,
                                     String context, boolean protectedIdentity) {
        return new AuditEvent(action, kind, municipality, List.of(), context, batchId, protectedIdentity);
    }

    public static AuditEvent read(String action, MunicipalityCode municipality, Collection<UUID> personIds, String context) {
        return new AuditEvent(action, Kind.READ, municipality, List.copyOf(personIds), context);
    }

    public static AuditEvent write(String action, MunicipalityCode municipality, Collection<UUID> personIds, String context) {
        return new AuditEvent(action, Kind.WRITE, municipality, List.copyOf(personIds), context);
    }
}
