package se.kaa.security;

import java.util.Set;

import se.kaa.shared.MunicipalityCode;

/**
 * Who an actor of the audit log is, as a young person may be told it in her register extract: what
 * kind of actor, in which roles, for which municipalities – never the user name or id.
 */
public interface ActorDirectory {

    /**
     * @param actor     the audit log's actor: a user name, {@code api-key:<id>:<name>} or a system job's name
     * @param systemJob the audit entry's actor type is {@code SYSTEM}
     */
    Actor describe(String actor, boolean systemJob);

    enum Kind {
        /** a user account of this installation */
        STAFF,
        /** a system client signed in with an API key */
        API_CLIENT,
        /** the application itself (a scheduled or follow-up job) */
        SYSTEM_JOB,
        /** an account no longer here, or a single sign-on user whose roles are not kept */
        UNKNOWN
    }

    /** Roles and municipalities as they are now (roles at the time of the access are not kept). */
    record Actor(Kind kind, Set<Role> roles, Set<MunicipalityCode> municipalities) {

        public Actor {
            roles = Set.copyOf(roles);
            municipalities = Set.copyOf(municipalities);
        }

        public static Actor of(Kind kind) {
            return new Actor(kind, Set.of(), Set.of());
        }
    }
}
