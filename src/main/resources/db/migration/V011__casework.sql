-- Casework: one case per person and municipality, opened when a membership episode starts, closed
-- when it ends, reopened when she comes back (docs/casework.md). Everything about a case goes when
-- the person goes (retention removes the person row).
CREATE TABLE casework_case (
    id           bigserial   PRIMARY KEY,
    person_id    uuid        NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    municipality char(4)     NOT NULL,
    status       text        NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
    -- entry day and reason of the current (or, when closed, the last) membership episode
    entered      date        NOT NULL,
    reason       text        NOT NULL,
    closed_on    date,
    exit_reason  text,
    -- the case worker's user name; null while unassigned
    assignee     text,
    -- optimistic locking: every change by a person increments it
    version      bigint      NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    UNIQUE (person_id, municipality),
    CHECK ((status = 'OPEN') = (closed_on IS NULL))
);
CREATE INDEX casework_case_open_idx ON casework_case (municipality, assignee) WHERE status = 'OPEN';

-- The case's own history: opened, closed, reopened, assigned.
CREATE TABLE casework_case_event (
    id          bigserial   PRIMARY KEY,
    case_id     bigint      NOT NULL REFERENCES casework_case (id) ON DELETE CASCADE,
    occurred_at timestamptz NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('OPENED', 'CLOSED', 'REOPENED', 'ASSIGNED')),
    -- OPENED/REOPENED: the entry day; CLOSED: the exit day
    on_date     date,
    -- OPENED/REOPENED: the reason; CLOSED: the exit reason (null: the episode no longer exists)
    reason      text,
    -- ASSIGNED: the new assignee (null: unassigned), the previous one and how (MANUAL, BULK, RULE)
    assignee    text,
    previous    text,
    how         text CHECK (how IS NULL OR how IN ('MANUAL', 'BULK', 'RULE')),
    actor       text        NOT NULL
);
CREATE INDEX casework_case_event_case_idx ON casework_case_event (case_id, occurred_at);
