-- Import batches, their rejected rows, notices, and the facts they carry (each with provenance).

CREATE TABLE import_batch (
    id            bigserial PRIMARY KEY,
    source        text        NOT NULL CHECK (source IN ('FOLKBOKFORING', 'INSKRIVNINGAR', 'EXAMINA', 'ANTAGNING')),
    municipality  char(4)     NOT NULL,
    as_of         date,
    file_name     text,
    sha256        char(64)    NOT NULL,
    status        text        NOT NULL,
    encoding      text,
    header_line   text,
    rows_total    integer     NOT NULL DEFAULT 0,
    rows_accepted integer     NOT NULL DEFAULT 0,
    rows_rejected integer     NOT NULL DEFAULT 0,
    warnings      jsonb       NOT NULL DEFAULT '[]',
    uploaded_by   text        NOT NULL,
    received_at   timestamptz NOT NULL,
    completed_at  timestamptz
);
-- The same file again is the same batch; a folkbokföring file is a snapshot of its date, so the
-- same content under another snapshot date is another snapshot.
CREATE UNIQUE INDEX import_batch_file_idx ON import_batch (source, municipality, sha256)
    WHERE source <> 'FOLKBOKFORING';
CREATE UNIQUE INDEX import_batch_snapshot_file_idx ON import_batch (source, municipality, sha256, as_of)
    WHERE source = 'FOLKBOKFORING';
CREATE INDEX import_batch_received_idx ON import_batch (received_at DESC);

CREATE TABLE import_rejected_row (
    id          bigserial PRIMARY KEY,
    batch_id    bigint      NOT NULL REFERENCES import_batch (id),
    row_number  integer     NOT NULL,
    raw_line    text        NOT NULL,
    errors      jsonb       NOT NULL,
    -- the row's personnummer when it was itself valid: she is still listed in that snapshot
    pnr         char(12),
    status      text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CORRECTED', 'DISCARDED')),
    resolved_by text,
    resolved_at timestamptz
);
CREATE INDEX import_rejected_row_batch_idx ON import_rejected_row (batch_id, row_number);
CREATE INDEX import_rejected_row_pnr_idx ON import_rejected_row (pnr) WHERE pnr IS NOT NULL;

CREATE TABLE notice (
    id               bigserial PRIMARY KEY,
    type             text        NOT NULL CHECK (type IN ('START', 'STOP', 'ABSENCE')),
    person_id        uuid        NOT NULL REFERENCES person (id),
    municipality     char(4)     NOT NULL,
    school_unit_code char(8)     NOT NULL,
    organiser        text,
    school_type      text,
    programme        text,
    notice_date      date        NOT NULL,
    absence_from     date,
    absence_to       date,
    absence_hours    numeric(6, 1),
    idempotency_key  text,
    request_sha256   char(64),
    submitted_by     text        NOT NULL,
    received_at      timestamptz NOT NULL,
    UNIQUE (submitted_by, idempotency_key)
);
CREATE INDEX notice_person_idx ON notice (person_id);
COMMENT ON COLUMN import_batch.status IS 'COMPLETED: facts applied; REJECTED: no row was accepted (kept for its rejected rows, never a snapshot)';
COMMENT ON COLUMN import_rejected_row.row_number IS '1-based line number in the file, the header being line 1';
COMMENT ON COLUMN notice.request_sha256 IS 'hash of the normalised request, to refuse an Idempotency-Key reused with another body';

-- One row of a folkbokföring snapshot that listed the person.
CREATE TABLE population_record (
    id                 bigserial PRIMARY KEY,
    person_id          uuid    NOT NULL REFERENCES person (id),
    batch_id           bigint  NOT NULL REFERENCES import_batch (id),
    municipality       char(4) NOT NULL,
    as_of              date    NOT NULL,
    registered_since   date,
    immigration_date   date,
    protected_identity boolean NOT NULL,
    status             text    NOT NULL CHECK (status IN ('NORMAL', 'AVLIDEN', 'UTVANDRAD')),
    given_name         text,
    family_name        text,
    address            text,
    postal_code        text,
    city               text
);
CREATE INDEX population_record_person_idx ON population_record (person_id);
CREATE INDEX population_record_municipality_idx ON population_record (municipality, as_of);

CREATE TABLE enrolment (
    id               bigserial PRIMARY KEY,
    person_id        uuid    NOT NULL REFERENCES person (id),
    school_unit_code char(8) NOT NULL,
    organiser        text,
    school_type      text    NOT NULL CHECK (school_type IN ('GR', 'GRS', 'GY', 'GYS', 'VUX', 'FHS', 'MOTSV')),
    programme        text    NOT NULL DEFAULT '',
    start_date       date    NOT NULL,
    end_date         date,
    end_reason       text CHECK (end_reason IN ('AVBROTT', 'FULLFOLJT', 'BYTE')),
    source           text    NOT NULL,
    batch_id         bigint REFERENCES import_batch (id),
    notice_id        bigint REFERENCES notice (id),
    received_at      timestamptz NOT NULL,
    end_source       text,
    end_batch_id     bigint REFERENCES import_batch (id),
    end_notice_id    bigint REFERENCES notice (id),
    end_received_at  timestamptz,
    UNIQUE (person_id, school_unit_code, school_type, programme, start_date)
);
CREATE INDEX enrolment_person_idx ON enrolment (person_id);

CREATE TABLE credential (
    id          bigserial PRIMARY KEY,
    person_id   uuid        NOT NULL REFERENCES person (id),
    type        text        NOT NULL CHECK (type IN ('GYEX_HOG', 'GYEX_YRK', 'STUDIEBEVIS', 'GYSBEVIS', 'MOTSV_FULLFOLJD')),
    issued_on   date        NOT NULL,
    batch_id    bigint      NOT NULL REFERENCES import_batch (id),
    received_at timestamptz NOT NULL,
    UNIQUE (person_id, type, issued_on)
);
CREATE INDEX credential_person_idx ON credential (person_id);

CREATE TABLE admission (
    id               bigserial PRIMARY KEY,
    person_id        uuid        NOT NULL REFERENCES person (id),
    school_unit_code char(8)     NOT NULL,
    programme        text        NOT NULL,
    decision         text        NOT NULL CHECK (decision IN ('ANTAGEN', 'RESERV', 'EJ_ANTAGEN')),
    start_date       date        NOT NULL,
    batch_id         bigint      NOT NULL REFERENCES import_batch (id),
    received_at      timestamptz NOT NULL,
    UNIQUE (person_id, school_unit_code, programme, start_date)
);
CREATE INDEX admission_person_idx ON admission (person_id);

-- Manual placement in a municipality (protected registration, resident but not registered).
CREATE TABLE placement (
    id           bigserial PRIMARY KEY,
    person_id    uuid        NOT NULL REFERENCES person (id),
    municipality char(4)     NOT NULL,
    valid_from   date        NOT NULL,
    valid_to     date,
    decided_by   text        NOT NULL,
    motivation   text        NOT NULL,
    decided_at   timestamptz NOT NULL
);
CREATE INDEX placement_person_idx ON placement (person_id);
