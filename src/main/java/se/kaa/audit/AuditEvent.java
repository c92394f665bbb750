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
 */
public record AuditEvent(String action, Kind kind, MunicipalityCode municipality, List<UUID> personIds,
                         String context) {

    public enum Kind { READ, WRITE }

    public AuditEvent {
        personIds = List.copyOf(personIds);
    }

    public static AuditEvent read(String action, MunicipalityCode municipality, Collection<UUID> personIds, String context) {
        return new AuditEvent(action, Kind.READ, municipality, List.copyOf(personIds), context);
    }

    public static AuditEvent write(String action, MunicipalityCode municipality, Collection<UUID> personIds, String context) {
        return new AuditEvent(action, Kind.WRITE, municipality, List.copyOf(personIds), context);
    }
}
