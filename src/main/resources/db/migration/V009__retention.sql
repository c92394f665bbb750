-- Retention (gallring): policies per municipality and data class, the log of every run, and the
-- pseudonymised statistical core kept of persons whose identity data was removed.

-- A municipality's policy for one data class; a class without a row uses the documented default
-- (docs/security.md, "Retention").
CREATE TABLE retention_policy (
    municipality char(4)     NOT NULL,
    data_class   text        NOT NULL CHECK (data_class IN ('IDENTITY', 'CONTACT_LOG', 'NOTES', 'OCCUPATIONS',
                                                            'MEASURES_AND_PLANS', 'REJECTED_IMPORT_ROWS', 'AUDIT_LOG')),
    months       integer     NOT NULL CHECK (months BETWEEN 0 AND 1200),
    action       text        NOT NULL CHECK (action IN ('DELETE', 'PSEUDONYMISE')),
    changed_by   text        NOT NULL,
    changed_at   timestamptz NOT NULL,
    PRIMARY KEY (municipality, data_class),
    CHECK (action = 'DELETE' OR data_class = 'IDENTITY')
);

-- One row per run of the retention job (daily or started by an administrator).
CREATE TABLE retention_run (
    id          bigserial PRIMARY KEY,
    trigger     text        NOT NULL CHECK (trigger IN ('DAILY', 'MANUAL')),
    as_of       date        NOT NULL,
    started_by  text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz NOT NULL,
    total       integer     NOT NULL
);
CREATE INDEX retention_run_started_idx ON retention_run (started_at DESC);

-- What a run removed, per municipality, data class and action (no personal data).
CREATE TABLE retention_run_count (
    run_id       bigint  NOT NULL REFERENCES retention_run (id),
    municipality char(4) NOT NULL,
    data_class   text    NOT NULL,
    action       text    NOT NULL,
    count        integer NOT NULL,
    PRIMARY KEY (run_id, municipality, data_class, action)
);

-- The statistical core kept when a person's identity data is pseudonymised: her membership
-- episodes with municipality, dates and reasons, under a random pseudonym that no table links
-- back to her (no key is kept), and only her birth year.
CREATE TABLE retained_episode (
    id           bigserial PRIMARY KEY,
    pseudonym    uuid        NOT NULL,
    birth_year   integer     NOT NULL,
    municipality char(4)     NOT NULL,
    entered      date        NOT NULL,
    reason       text        NOT NULL,
    entry_kind   text        NOT NULL,
    rule_set     text        NOT NULL,
    exited       date,
    exit_reason  text,
    run_id       bigint      NOT NULL REFERENCES retention_run (id)
);
CREATE INDEX retained_episode_municipality_idx ON retained_episode (municipality, entered, exited);
