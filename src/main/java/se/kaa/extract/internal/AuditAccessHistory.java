package se.kaa.extract.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import se.kaa.audit.AuditEntry;
import se.kaa.audit.AuditTrail;
import se.kaa.extract.AccessHistory;

/**
 * The access history from the audit log. It lives here rather than in the audit module because
 * extract already depends on audit (it records each extract); the other way round would be a cycle.
 */
@Component
class AuditAccessHistory implements AccessHistory {

    private final AuditTrail trail;

    AuditAccessHistory(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public List<Access> accessesTo(UUID personId) {
        List<Access> accesses = new ArrayList<>();
        for (AuditEntry e : trail.search(new AuditTrail.Query(personId, null, null, null))) {
            accesses.add(new Access(e.occurredAt(), e.actor(), "SYSTEM".equals(e.actorType()), e.action(),
                    e.kind().name(), e.municipality(), e.context(), e.batchId()));
        }
        Collections.reverse(accesses); // the trail gives the newest first
        return accesses;
    }
}
