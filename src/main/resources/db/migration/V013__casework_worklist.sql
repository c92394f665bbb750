-- Casework worklist and assignment (docs/casework.md, "Worklist and assignment").

-- Per municipality, ordered rules that assign a case opening or reopening without a case worker:
-- the first rule whose conditions all match (a null condition matches anything) assigns it to its
-- one user, or in turn (round-robin) to its users; next_index is the round-robin cursor.
CREATE TABLE casework_assignment_rule (
    id               bigserial   PRIMARY KEY,
    municipality     char(4)     NOT NULL,
    position         integer     NOT NULL,
    school_unit_code char(8),
    reason           text,
    age_min          integer CHECK (age_min IS NULL OR age_min BETWEEN 0 AND 30),
    age_max          integer CHECK (age_max IS NULL OR age_max BETWEEN 0 AND 30),
    assignees        text[]      NOT NULL CHECK (cardinality(assignees) > 0),
    next_index       integer     NOT NULL DEFAULT 0,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL,
    CHECK (age_min IS NULL OR age_max IS NULL OR age_min <= age_max)
);
CREATE INDEX casework_assignment_rule_idx ON casework_assignment_rule (municipality, position);

-- The worklist reads the latest attempt, occupation and open measures of every open case.
CREATE INDEX casework_measure_open_idx ON casework_measure (case_id) WHERE status NOT IN ('ENDED', 'DECLINED');
CREATE INDEX casework_occupation_latest_idx ON casework_occupation (case_id, verified_on DESC, id DESC);
CREATE INDEX enrolment_person_start_idx ON enrolment (person_id, start_date DESC, id DESC);
