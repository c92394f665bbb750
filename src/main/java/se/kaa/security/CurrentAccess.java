package se.kaa.security;

/**
 * The {@link AccessScope} of the request being served. An authentication whose principal or details
 * is an {@link AccessScope} (an API key, an OIDC login mapped from claims) brings its own; a local account's
 * grants are read from the database on every call, so a change by an administrator applies at once.
 */
public interface CurrentAccess {

    /** {@link AccessScope#NONE} when nobody is signed in (e.g. a scheduled job). */
    AccessScope scope();
}
