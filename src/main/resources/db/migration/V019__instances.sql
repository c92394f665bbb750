-- More than one instance on one database (docs/operations.md, "Running more than one instance").

-- platform: the runs of scheduled and start-up jobs (se.kaa.platform.ClusterJobs). A job takes a
-- PostgreSQL advisory lock while it runs, so it never runs on two instances at once; a job with a
-- slot (a day, a start-up) also records its run here, so that an instance whose trigger comes later in
-- the same slot sees that the job is done.
CREATE TABLE platform_job_run (
    id          bigserial PRIMARY KEY,
    job         text        NOT NULL,
    slot        text        NOT NULL,
    instance    text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    outcome     text CHECK (outcome IN ('DONE', 'FAILED')),
    UNIQUE (job, slot)
);
CREATE INDEX platform_job_run_started ON platform_job_run (job, started_at);

-- security: the rate limits' token buckets, shared by all instances. One row per limit and key (an IP
-- address, the hash of an API key), updated with one statement per event. A bucket is a "theoretical
-- arrival time" (GCRA): tat is when it would be full again, in microseconds since the epoch; seen is
-- the last time it was looked at, so that a clock set back restarts the refill instead of freezing it.
-- UNLOGGED: no write-ahead log, so an API request does not wait for a disk flush; after a crash of the
-- database the buckets start full again, as they did when they were kept in memory.
CREATE UNLOGGED TABLE security_rate_limit (
    kind     text    NOT NULL,
    key      text    NOT NULL,
    tat      bigint  NOT NULL,
    seen     bigint  NOT NULL,
    allowed  boolean NOT NULL,
    PRIMARY KEY (kind, key)
) WITH (fillfactor = 70);

-- security: signed-in sessions (Spring Session JDBC, spring.session.jdbc.table-name=security_session),
-- so that any instance serves any session. Spring Session's PostgreSQL schema, under the module's prefix,
-- with room for a long OIDC user name.
CREATE TABLE security_session (
    primary_id            char(36)     NOT NULL,
    session_id            char(36)     NOT NULL,
    creation_time         bigint       NOT NULL,
    last_access_time      bigint       NOT NULL,
    max_inactive_interval int          NOT NULL,
    expiry_time           bigint       NOT NULL,
    principal_name        varchar(320),
    CONSTRAINT security_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX security_session_ix1 ON security_session (session_id);
CREATE INDEX security_session_ix2 ON security_session (expiry_time);
CREATE INDEX security_session_ix3 ON security_session (principal_name);

CREATE TABLE security_session_attributes (
    session_primary_id char(36)     NOT NULL,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    CONSTRAINT security_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT security_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES security_session (primary_id) ON DELETE CASCADE
);
