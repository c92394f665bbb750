-- What casework records on a case (docs/casework.md). Every table hangs on casework_case and goes
-- with it; recorded_by is a user name, never a personnummer.

-- Contact details the case worker has found (folkbokföring gives no phone or e-mail). Hidden with
-- the address for a person with protected identity.
CREATE TABLE casework_contact_details (
    case_id    bigint      PRIMARY KEY REFERENCES casework_case (id) ON DELETE CASCADE,
    phone      text,
    email      text,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Every contact attempt: who, when, how, with what outcome, and when to try next.
CREATE TABLE casework_contact_attempt (
    id               bigserial   PRIMARY KEY,
    case_id          bigint      NOT NULL REFERENCES casework_case (id) ON DELETE CASCADE,
    attempted_at     timestamptz NOT NULL,
    channel          text        NOT NULL CHECK (channel IN ('LETTER', 'SMS', 'PHONE', 'EMAIL', 'HOME_VISIT', 'SOCIAL_MEDIA', 'MEETING')),
    -- SENT: a letter or message went out and no answer is known yet
    outcome          text        NOT NULL CHECK (outcome IN ('REACHED', 'NO_ANSWER', 'WRONG_NUMBER', 'REFUSED', 'MOVED', 'SENT')),
    note             text,
    next_attempt_due date,
    -- the letter or message that made this attempt (letters module), if any
    message_id       bigint,
    recorded_by      text        NOT NULL,
    recorded_at      timestamptz NOT NULL
);
CREATE INDEX casework_contact_attempt_case_idx ON casework_contact_attempt (case_id, attempted_at);

-- Occupation (sysselsättning) history; it goes stale verified_on + the type's expiry.
CREATE TABLE casework_occupation (
    id          bigserial   PRIMARY KEY,
    case_id     bigint      NOT NULL REFERENCES casework_case (id) ON DELETE CASCADE,
    type        text        NOT NULL CHECK (type IN ('STUDIES_KOMVUX', 'STUDIES_FOLKHOGSKOLA', 'STUDIES_ABROAD',
                            'STUDIES_OTHER', 'WORK', 'LABOUR_MARKET_PROGRAMME', 'MUNICIPAL_MEASURE', 'PARENTAL_LEAVE',
                            'SICK', 'NO_OCCUPATION', 'UNKNOWN')),
    source      text        NOT NULL CHECK (source IN ('YOUNG_PERSON', 'SCHOOL', 'AUTHORITY', 'REGISTER')),
    started     date,
    ended       date,
    verified_on date        NOT NULL,
    note        text,
    recorded_by text        NOT NULL,
    recorded_at timestamptz NOT NULL,
    CHECK (ended IS NULL OR started IS NULL OR ended >= started)
);
CREATE INDEX casework_occupation_case_idx ON casework_occupation (case_id, verified_on);

-- Per municipality: days until an occupation of a type goes stale (missing row: the default in code).
CREATE TABLE casework_occupation_expiry (
    municipality char(4) NOT NULL,
    type         text    NOT NULL,
    days         integer NOT NULL CHECK (days > 0),
    PRIMARY KEY (municipality, type)
);

-- The municipality's catalogue of individual measures, each mapped to a reporting category.
CREATE TABLE casework_measure_type (
    id                 bigserial PRIMARY KEY,
    municipality       char(4)   NOT NULL,
    code               text      NOT NULL,
    name               text      NOT NULL,
    reporting_category text      NOT NULL,
    active             boolean   NOT NULL DEFAULT true,
    UNIQUE (municipality, code)
);

-- The individual plan: its goal. Every change to the plan or its measures writes a revision.
CREATE TABLE casework_plan (
    case_id    bigint      PRIMARY KEY REFERENCES casework_case (id) ON DELETE CASCADE,
    goal       text,
    revision   integer     NOT NULL DEFAULT 0,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE casework_measure (
    id                bigserial   PRIMARY KEY,
    case_id           bigint      NOT NULL REFERENCES casework_case (id) ON DELETE CASCADE,
    measure_type_id   bigint      NOT NULL REFERENCES casework_measure_type (id),
    -- who is responsible: the young person, the municipality, or another named actor
    responsible       text        NOT NULL CHECK (responsible IN ('YOUNG_PERSON', 'MUNICIPALITY', 'OTHER')),
    responsible_actor text,
    status            text        NOT NULL CHECK (status IN ('OFFERED', 'ACCEPTED', 'DECLINED', 'ENDED')),
    offered_on        date        NOT NULL,
    decided_on        date,
    starts            date,
    ends              date,
    end_reason        text,
    follow_up         date,
    note              text,
    recorded_by       text        NOT NULL,
    recorded_at       timestamptz NOT NULL,
    CHECK (responsible <> 'OTHER' OR responsible_actor IS NOT NULL),
    CHECK (ends IS NULL OR starts IS NULL OR ends >= starts)
);
CREATE INDEX casework_measure_case_idx ON casework_measure (case_id);

-- Every revision of the plan as it was (goal and measures), to be viewed later.
CREATE TABLE casework_plan_revision (
    case_id    bigint      NOT NULL REFERENCES casework_case (id) ON DELETE CASCADE,
    revision   integer     NOT NULL,
    plan       jsonb       NOT NULL,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, revision)
);

CREATE TABLE casework_note (
    id         bigserial   PRIMARY KEY,
    case_id    bigint      NOT NULL REFERENCES casework_case (id) ON DELETE CASCADE,
    text       text        NOT NULL,
    written_by text        NOT NULL,
    written_at timestamptz NOT NULL
);
CREATE INDEX casework_note_case_idx ON casework_note (case_id);

-- Per municipality: the deadline targets (days from entry) and the worklist's horizons.
CREATE TABLE casework_settings (
    municipality         char(4) PRIMARY KEY,
    first_attempt_days   integer NOT NULL DEFAULT 7 CHECK (first_attempt_days > 0),
    first_contact_days   integer NOT NULL DEFAULT 14 CHECK (first_contact_days > 0),
    first_measure_days   integer NOT NULL DEFAULT 30 CHECK (first_measure_days > 0),
    updated_by           text,
    updated_at           timestamptz
);
