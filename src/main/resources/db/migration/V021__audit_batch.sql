-- An import is audited as its batch: the entry names the batch, and its persons are those of the
-- batch's accepted rows (intake's view intake_batch_person), instead of an array of every person –
-- 800,000 ids in one row cost 9–11 s and ran a 256 MB heap out of memory.
ALTER TABLE audit_entry ADD COLUMN batch_id bigint;
CREATE INDEX audit_entry_batch_idx ON audit_entry (batch_id) WHERE batch_id IS NOT NULL;
COMMENT ON COLUMN audit_entry.batch_id IS
    'the import batch whose persons the entry concerns (intake_batch_person); part of the hash when set';
