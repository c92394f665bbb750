-- The audit log: one row per read or write of personal data. Append-only (the triggers below reject
-- UPDATE and DELETE) and tamper-evident: hash = SHA-256 over the entry's canonical content and the
-- previous entry's hash, so changing, removing or reordering an entry breaks the chain from there on.
-- Rows are inserted under a transaction-scoped advisory lock, so ids follow the chain order.
CREATE TABLE audit_entry (
    id                 bigserial PRIMARY KEY,
    occurred_at        timestamptz NOT NULL,
    actor              text        NOT NULL,
    actor_type         text        NOT NULL CHECK (actor_type IN ('USER', 'SYSTEM')),
    municipality       char(4),
    action             text        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('READ', 'WRITE')),
    -- the persons read or written; an import stores its batch in context and every person here
    person_ids         uuid[]      NOT NULL DEFAULT '{}',
    context            text        NOT NULL,
    -- true when any of the persons had protected identity when the entry was written
    protected_identity boolean     NOT NULL,
    prev_hash          char(64)    NOT NULL,
    hash               char(64)    NOT NULL UNIQUE
);
CREATE INDEX audit_entry_person_idx ON audit_entry USING gin (person_ids);
CREATE INDEX audit_entry_actor_idx ON audit_entry (actor, occurred_at);
CREATE INDEX audit_entry_time_idx ON audit_entry (occurred_at);

-- Where the chain starts once retention has removed its oldest entries: the hash of the last entry
-- removed becomes the previous hash the first remaining entry is checked against.
CREATE TABLE audit_chain_start (
    singleton       boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    last_removed_id bigint      NOT NULL,
    prev_hash       char(64)    NOT NULL,
    removed         bigint      NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- Retention (gallring) alone may delete, and only the oldest entries: in one transaction it sets
-- kaa.audit.retention, moves audit_chain_start past the entries it removes, then deletes them. No
-- entry after the chain's start can be deleted.
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('kaa.audit.retention', true) = 'on'
       AND OLD.id <= (SELECT last_removed_id FROM audit_chain_start) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
