-- The audit log as several hash chains instead of one (issue 11): one chain serialised every writing
-- transaction of the installation up to its commit – at 32 concurrent notices, 909 of 1,122 sampled
-- statements waited on its lock. A writing transaction now takes the lock of one chain of sixteen (a
-- free one if any, else its thread's), so sixteen commit at once. Each chain is linked by its own
-- hashes exactly as the one chain was: changing, removing or reordering an entry breaks its chain from
-- there on; the verifier follows every chain. Entries written before this migration are chain 0 and
-- keep their hashes (the chain number enters the hash only from chain 1 on).
ALTER TABLE audit_entry ADD COLUMN chain smallint NOT NULL DEFAULT 0 CHECK (chain BETWEEN 0 AND 255);
CREATE INDEX audit_entry_chain_idx ON audit_entry (chain, id);

-- Where each chain starts once retention has removed its oldest entries.
ALTER TABLE audit_chain_start ADD COLUMN chain smallint NOT NULL DEFAULT 0;
ALTER TABLE audit_chain_start DROP CONSTRAINT audit_chain_start_pkey;
ALTER TABLE audit_chain_start DROP COLUMN singleton;
ALTER TABLE audit_chain_start ADD PRIMARY KEY (chain);

-- Retention removes only entries up to its chain's start (every chain's start moves in the same run).
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('kaa.audit.retention', true) = 'on'
       AND OLD.id <= (SELECT s.last_removed_id FROM audit_chain_start s WHERE s.chain = OLD.chain) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
