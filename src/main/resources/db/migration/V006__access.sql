-- Access control: a user's roles, the municipalities she is granted, and for a skolrapportör the
-- school units she reports for. Login failures are counted per username, whether or not the user
-- exists, so that a lockout says nothing about which accounts exist.
CREATE TABLE user_role (
    user_id bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    text   NOT NULL CHECK (role IN ('HANDLAGGARE', 'ENHETSCHEF', 'SKOLRAPPORTOR', 'ADMINISTRATOR', 'GRANSKARE', 'SYSTEM')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE user_municipality (
    user_id      bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    municipality text   NOT NULL CHECK (municipality ~ '^[0-9]{4}$'),
    PRIMARY KEY (user_id, municipality)
);

CREATE TABLE user_school_unit (
    user_id          bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    school_unit_code text   NOT NULL CHECK (school_unit_code ~ '^[0-9]{8}$'),
    PRIMARY KEY (user_id, school_unit_code)
);

CREATE TABLE login_failure (
    username     text        PRIMARY KEY,
    failures     integer     NOT NULL,
    last_failure timestamptz NOT NULL,
    locked_until timestamptz
);

-- Users of V005 were all administrators of the whole installation: they keep that role, and get the
-- served municipalities at the next start (the list of served municipalities is configuration).
ALTER TABLE app_user ADD COLUMN grant_all_served boolean NOT NULL DEFAULT false;
INSERT INTO user_role (user_id, role) SELECT id, 'ADMINISTRATOR' FROM app_user WHERE role = 'ADMIN';
UPDATE app_user SET grant_all_served = true WHERE role = 'ADMIN';
ALTER TABLE app_user DROP COLUMN role;
