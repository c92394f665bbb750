-- The board report (docs/board-report.md): a municipality's small-cell suppression, and per half-year the
-- unit's written analysis and, once frozen, the report as it was sent (its PDF and JSON, kept as made).

CREATE TABLE reporting_settings (
    municipality char(4)     PRIMARY KEY,
    -- counts from 1 to min_count - 1 are hidden; shares and medians of fewer than min_base persons too
    min_count    integer     NOT NULL CHECK (min_count BETWEEN 2 AND 100),
    min_base     integer     NOT NULL CHECK (min_base BETWEEN 2 AND 1000),
    changed_by   text        NOT NULL,
    changed_at   timestamptz NOT NULL,
    CHECK (min_base >= min_count)
);

CREATE TABLE reporting_board (
    municipality char(4)     NOT NULL,
    period       text        NOT NULL CHECK (period ~ '^[0-9]{4}H[12]$'),
    analysis     text,
    analysis_by  text,
    analysis_at  timestamptz,
    frozen_pdf   bytea,
    frozen_json  text,
    frozen_by    text,
    frozen_at    timestamptz,
    PRIMARY KEY (municipality, period),
    CHECK ((frozen_at IS NULL) = (frozen_pdf IS NULL))
);
