-- The few persons with protected identity, indexed (issue 11): an import's audit entry asks whether any
-- person of its batch is protected, starting from the protected persons. Without this index that was a
-- sequential scan of every person for each file – on a national first load (290 municipalities, four
-- files each, 700,000 persons) nearly half the database's time for the diplomas' and admissions' files.
CREATE INDEX person_protected_idx ON person (id) WHERE protected_identity;
