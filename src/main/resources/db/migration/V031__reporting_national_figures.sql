-- Skolverket's national figures beside a municipality's in the board report (docs/board-report.md): the
-- file shipped with KAA is version 1; an administrator uploads newer versions as Skolverket publishes.
-- Installation-wide (the figures are national); a version is never changed, a newer one replaces it.

CREATE TABLE reporting_national_figures (
    version     integer     PRIMARY KEY CHECK (version > 0),
    source      text        NOT NULL,
    content     bytea       NOT NULL,
    sha256      char(64)    NOT NULL,
    uploaded_by text        NOT NULL,
    uploaded_at timestamptz NOT NULL
);
