-- Membership episodes computed from the facts; recomputed whenever facts change and daily.
CREATE TABLE membership_episode (
    id           bigserial PRIMARY KEY,
    person_id    uuid        NOT NULL REFERENCES person (id),
    municipality char(4)     NOT NULL,
    entered      date        NOT NULL,
    reason       text        NOT NULL CHECK (reason IN ('AVBROTT', 'STUDIEBEVIS', 'EJ_PABORJAT', 'INVANDRAD', 'IM')),
    entry_kind   text        NOT NULL CHECK (entry_kind IN ('MOVED_IN', 'LEFT_SCHOOL', 'SKOLPLIKT_ENDED', 'IMMIGRATED', 'RULES_CHANGED')),
    rule_set     text        NOT NULL,
    exited       date,
    exit_reason  text CHECK (exit_reason IN ('FYLLT_20', 'UTFLYTTAD', 'PABORJAT_UTBILDNING', 'EXAMEN', 'AVLIDEN', 'UTVANDRAD')),
    computed_at  timestamptz NOT NULL,
    CHECK ((exited IS NULL) = (exit_reason IS NULL)),
    CHECK (exited IS NULL OR exited > entered),
    UNIQUE (person_id, municipality, entered)
);
CREATE INDEX membership_episode_municipality_idx ON membership_episode (municipality, entered, exited);

-- One row per recomputation run: what caused it and what it changed.
CREATE TABLE recomputation_run (
    id               bigserial PRIMARY KEY,
    cause            text        NOT NULL,
    full_run         boolean     NOT NULL,
    as_of            date        NOT NULL,
    persons          integer     NOT NULL,
    episodes_written integer     NOT NULL,
    episodes_deleted integer     NOT NULL,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL
);
