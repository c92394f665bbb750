-- API keys for system clients. The key itself is shown once and never stored: key_hash is the
-- SHA-256 of the whole key (hex); key_prefix is its first characters, to recognise a key in a list.
CREATE TABLE api_key (
    id             bigserial PRIMARY KEY,
    name           text        NOT NULL,
    key_prefix     text        NOT NULL,
    key_hash       text        NOT NULL UNIQUE,
    role           text        NOT NULL,
    municipalities text[]      NOT NULL,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_by     text,
    last_used_at   timestamptz,
    CONSTRAINT api_key_name_not_blank CHECK (length(trim(name)) > 0),
    CONSTRAINT api_key_has_municipality CHECK (cardinality(municipalities) > 0)
);
