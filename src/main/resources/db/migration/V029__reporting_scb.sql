-- The SCB half-year return (docs/reporting.md).

-- The specs of the return: the shipped provisional one and those an administrator uploads when SCB
-- publishes a period's file description. The file itself is kept as uploaded.
CREATE TABLE reporting_spec (
    id           bigserial   PRIMARY KEY,
    spec_id      text        NOT NULL,
    version      text        NOT NULL,
    provisional  boolean     NOT NULL,
    title        text        NOT NULL,
    applies_from date        NOT NULL,
    applies_to   date,
    content      bytea       NOT NULL,
    sha256       char(64)    NOT NULL,
    shipped      boolean     NOT NULL,
    uploaded_by  text        NOT NULL,
    uploaded_at  timestamptz NOT NULL,
    UNIQUE (spec_id, version)
);

-- A municipality's mapping of our values (reasons, exit reasons, occupation types, measure reporting
-- categories) to a spec's codes, per code list. A value without a row is unmapped: a validation error.
CREATE TABLE reporting_code_mapping (
    municipality char(4)     NOT NULL,
    spec         bigint      NOT NULL REFERENCES reporting_spec (id),
    code_list    text        NOT NULL,
    our_value    text        NOT NULL,
    code         text        NOT NULL,
    changed_by   text        NOT NULL,
    changed_at   timestamptz NOT NULL,
    PRIMARY KEY (municipality, spec, code_list, our_value)
);

-- Every export of a period, kept as made: later facts never change it; a re-run is a new version.
CREATE TABLE reporting_scb_export (
    id              bigserial   PRIMARY KEY,
    municipality    char(4)     NOT NULL,
    period          text        NOT NULL CHECK (period ~ '^[0-9]{4}H[12]$'),
    version         integer     NOT NULL CHECK (version > 0),
    spec            bigint      NOT NULL REFERENCES reporting_spec (id),
    provisional     boolean     NOT NULL,
    -- the records as exported, column -> value, for the diff against another version
    records         jsonb       NOT NULL,
    xlsx            bytea       NOT NULL,
    text_file       bytea       NOT NULL,
    -- of the delimited text file (the xlsx container is not byte-stable)
    sha256          char(64)    NOT NULL,
    record_count    integer     NOT NULL,
    errors          integer     NOT NULL,
    warnings        integer     NOT NULL,
    override_reason text,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    UNIQUE (municipality, period, version)
);

-- A period locked once submitted; reopening it needs a reason. Every lock and reopening is kept.
CREATE TABLE reporting_scb_period_event (
    id           bigserial   PRIMARY KEY,
    municipality char(4)     NOT NULL,
    period       text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('LOCKED', 'REOPENED')),
    reason       text,
    actor        text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    CHECK (kind = 'LOCKED' OR reason IS NOT NULL)
);
CREATE INDEX reporting_scb_period_event_idx ON reporting_scb_period_event (municipality, period, id);
