-- An administrator's "recompute now": the whole group and every case brought up to date with the
-- facts, in the background (durably: the request is an event publication recorded with this row).
CREATE TABLE targetgroup_recompute_request (
    id           bigserial PRIMARY KEY,
    requested_by text        NOT NULL,
    requested_at timestamptz NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz,
    persons      integer
);
