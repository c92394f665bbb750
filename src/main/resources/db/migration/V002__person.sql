-- Persons known to the register: identity and the latest folkbokföring details.
CREATE TABLE person (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    pnr                char(12)    NOT NULL UNIQUE,
    birth_date         date        NOT NULL,
    given_name         text,
    family_name        text,
    address            text,
    postal_code        text,
    city               text,
    protected_identity boolean     NOT NULL DEFAULT false,
    details_as_of      date,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_birth_date_idx ON person (birth_date);
