-- Issue 8: a wrong file must not wipe a caseload, and every import says what it did.
--
-- A batch is applied (COMPLETED), held until a person confirms it (AWAITING_CONFIRMATION), thrown
-- away unapplied (DISCARDED), or withdrawn after it was applied (WITHDRAWN). Only the facts of
-- applied batches are in the fact tables; a held batch's rows wait in intake_held_row, a withdrawn
-- batch's facts are moved to intake_withdrawn_fact.
ALTER TABLE import_batch
    ADD COLUMN follow_up       text CHECK (follow_up IN ('PENDING', 'DONE', 'FAILED')),
    ADD COLUMN follow_up_error text,
    ADD COLUMN follow_up_at    timestamptz,
    ADD COLUMN effects         jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN hold            jsonb,
    ADD COLUMN decided_by      text,
    ADD COLUMN decided_at      timestamptz,
    ADD COLUMN decision_reason text;
COMMENT ON COLUMN import_batch.status IS
    'COMPLETED: facts applied; REJECTED: no row was accepted; AWAITING_CONFIRMATION: held, nothing applied until '
    'a person confirms; DISCARDED: held and thrown away; WITHDRAWN: applied, then withdrawn (its facts kept in '
    'intake_withdrawn_fact)';
COMMENT ON COLUMN import_batch.follow_up IS
    'the recomputation of the group and the case lifecycle after the batch: PENDING until both are done';
COMMENT ON COLUMN import_batch.effects IS
    'what the follow-up did: {"entered": {reason: n}, "left": {reason: n}, "casesOpened": n, ...}, summed over runs';
COMMENT ON COLUMN import_batch.hold IS 'why the batch was held, and what applying it would do';

-- The same file again is the same batch, unless that batch was discarded or withdrawn.
DROP INDEX import_batch_file_idx;
DROP INDEX import_batch_snapshot_file_idx;
CREATE UNIQUE INDEX import_batch_file_idx ON import_batch (source, municipality, sha256)
    WHERE source <> 'FOLKBOKFORING' AND status NOT IN ('DISCARDED', 'WITHDRAWN');
CREATE UNIQUE INDEX import_batch_snapshot_file_idx ON import_batch (source, municipality, sha256, as_of)
    WHERE source = 'FOLKBOKFORING' AND status NOT IN ('DISCARDED', 'WITHDRAWN');
CREATE INDEX import_batch_follow_up_idx ON import_batch (follow_up) WHERE follow_up <> 'DONE';

-- The staged rows of a held batch (the staging table's row as JSON), applied when confirmed.
CREATE TABLE intake_held_row (
    batch_id   bigint  NOT NULL REFERENCES import_batch (id),
    row_number integer NOT NULL,
    person_id  uuid    NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    stage      jsonb   NOT NULL,
    PRIMARY KEY (batch_id, row_number)
);
CREATE INDEX intake_held_row_person_idx ON intake_held_row (person_id);

-- The facts of a withdrawn batch: they no longer count, but are kept (and audited).
CREATE TABLE intake_withdrawn_fact (
    id         bigserial PRIMARY KEY,
    batch_id   bigint NOT NULL REFERENCES import_batch (id),
    fact_table text   NOT NULL,
    person_id  uuid   NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    fact       jsonb  NOT NULL
);
CREATE INDEX intake_withdrawn_fact_batch_idx ON intake_withdrawn_fact (batch_id);
CREATE INDEX intake_withdrawn_fact_person_idx ON intake_withdrawn_fact (person_id);

-- What a fact was before a batch changed it – an enrolment's end, an admission's decision – so that
-- withdrawing the batch restores it. (Rows a batch inserted are moved to intake_withdrawn_fact.)
CREATE TABLE intake_fact_change (
    id           bigserial PRIMARY KEY,
    batch_id     bigint NOT NULL REFERENCES import_batch (id),
    enrolment_id bigint REFERENCES enrolment (id) ON DELETE CASCADE,
    admission_id bigint REFERENCES admission (id) ON DELETE CASCADE,
    previous     jsonb  NOT NULL,
    CHECK ((enrolment_id IS NULL) <> (admission_id IS NULL))
);
CREATE INDEX intake_fact_change_batch_idx ON intake_fact_change (batch_id);
CREATE INDEX intake_fact_change_enrolment_idx ON intake_fact_change (enrolment_id) WHERE enrolment_id IS NOT NULL;
CREATE INDEX intake_fact_change_admission_idx ON intake_fact_change (admission_id) WHERE admission_id IS NOT NULL;

-- Facts by batch: for the follow-up, the withdrawal and the audit log's "whom did this import touch".
CREATE INDEX population_record_batch_idx ON population_record (batch_id);
CREATE INDEX population_record_municipality_person_idx ON population_record (municipality, person_id);
CREATE INDEX enrolment_batch_idx ON enrolment (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX enrolment_end_batch_idx ON enrolment (end_batch_id) WHERE end_batch_id IS NOT NULL;
CREATE INDEX credential_batch_idx ON credential (batch_id);
CREATE INDEX admission_batch_idx ON admission (batch_id);

-- Published by intake: the persons of each batch's accepted rows (applied, held or withdrawn). An
-- import is audited as its batch, and this view answers "which imports touched her" (audit search,
-- register extract) without listing every person in the audit entry.
CREATE VIEW intake_batch_person AS
    SELECT batch_id, person_id FROM population_record
    UNION SELECT batch_id, person_id FROM enrolment WHERE batch_id IS NOT NULL
    UNION SELECT end_batch_id, person_id FROM enrolment WHERE end_batch_id IS NOT NULL
    UNION SELECT c.batch_id, e.person_id FROM intake_fact_change c JOIN enrolment e ON e.id = c.enrolment_id
    UNION SELECT c.batch_id, a.person_id FROM intake_fact_change c JOIN admission a ON a.id = c.admission_id
    UNION SELECT batch_id, person_id FROM credential
    UNION SELECT batch_id, person_id FROM admission
    UNION SELECT batch_id, person_id FROM intake_held_row
    UNION SELECT batch_id, person_id FROM intake_withdrawn_fact;
