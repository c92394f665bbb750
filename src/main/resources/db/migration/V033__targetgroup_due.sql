-- When each person's episodes are next due to be computed again without new facts (issue 11): the
-- first of her change points – 20th birthday, end of a grace period or of a school change's window, the
-- day after an enrolment ended, a rule set's first day – after the day they were computed. The daily
-- job recomputes only those due (or computed on a later day than today: a clock set back), instead of
-- everyone; any new fact recomputes her at once and moves her due day. due NULL: no change point left.
CREATE TABLE targetgroup_due (
    person_id   uuid PRIMARY KEY, -- no foreign key: a person removed is dropped at her next recomputation
    due         date,
    computed_on date NOT NULL
);
CREATE INDEX targetgroup_due_due_idx ON targetgroup_due (due);

-- A full recomputation that wrote every person's due day, and with which engine (its settings and the
-- application's version): until one has run with the engine running now – after this migration, on a
-- new installation, after an upgrade or a change of the target-group settings, any of which may move
-- change points – the daily job recomputes everyone.
ALTER TABLE recomputation_run ADD COLUMN dues_written boolean NOT NULL DEFAULT false;
ALTER TABLE recomputation_run ADD COLUMN engine text;
