package se.kaa.security;

/** What a user or API client does in KAA; the permission matrix in docs/security.md maps each to its actions. */
public enum Role {
    /** handläggare: works the caseload of her municipalities */
    HANDLAGGARE,
    /** enhetschef / verksamhetscontroller: follows up, assigns, reports */
    ENHETSCHEF,
    /** skolrapportör: reports notices for her own school units */
    SKOLRAPPORTOR,
    /** administratör: users, roles, municipalities, code lists, integrations, retention */
    ADMINISTRATOR,
    /** granskare: reads the audit log */
    GRANSKARE,
    /** a system client (student register, SS 12000 server, folkbokföring feed) using the API */
    SYSTEM
}
