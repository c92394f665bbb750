-- The school unit register (skolenhetsregistret, as a municipality holds it): a school unit's name,
-- organiser, school types and municipality by its code, so that pages say "Name (code)". Filled from a
-- CSV upload (docs/imports.md) and later from SS 12000 /organisations. Not personal data.
CREATE TABLE school_unit (
    code         char(8)     PRIMARY KEY CHECK (code ~ '^[0-9]{8}$'),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    organiser    text,
    school_types text[]      NOT NULL DEFAULT '{}',
    municipality char(4)     CHECK (municipality ~ '^[0-9]{4}$'),
    source       text        NOT NULL CHECK (source IN ('CSV', 'SS12000', 'DEMO')),
    updated_at   timestamptz NOT NULL,
    updated_by   text        NOT NULL
);
