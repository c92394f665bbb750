-- Spring Modulith's event publication registry (schema v2 for PostgreSQL, as shipped in
-- spring-modulith-events-jdbc 2.1): follow-up work published in a transaction is recorded here with
-- it, and completed, or resubmitted after a crash (docs/architecture.md, "Durable follow-up work").
CREATE TABLE event_publication (
    id                     uuid        NOT NULL PRIMARY KEY,
    listener_id            text        NOT NULL,
    event_type             text        NOT NULL,
    serialized_event       text        NOT NULL,
    publication_date       timestamptz NOT NULL,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    integer,
    last_resubmission_date timestamptz
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
