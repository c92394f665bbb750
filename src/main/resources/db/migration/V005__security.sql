-- Local user accounts. Roles and municipality grants arrive with the access-control issue; for now
-- every user is an administrator of the whole installation.
CREATE TABLE app_user (
    id            bigserial PRIMARY KEY,
    username      text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,
    display_name  text        NOT NULL,
    role          text        NOT NULL DEFAULT 'ADMIN',
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);
