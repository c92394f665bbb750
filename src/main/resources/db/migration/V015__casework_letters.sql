-- Letters, e-mail/SMS messages and the handover package (docs/casework.md, "Letters, messages and
-- handover"). Everything hangs on the case and goes with it; no table holds a personnummer except the
-- handover package, which is the personal data the law lets pass to the new hemkommun.

-- A municipality's letter templates, seeded with the Swedish defaults on first use. The body is plain
-- text: paragraphs separated by an empty line, placeholders such as {fornamn}.
CREATE TABLE casework_letter_template (
    municipality char(4)     NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('INFORMATION', 'NOT_REACHED', 'BEFORE_TWENTY')),
    heading      text        NOT NULL,
    body         text        NOT NULL,
    updated_by   text        NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (municipality, kind)
);

-- Every letter generated (one row per letter, also in a bulk PDF); the contact attempt points here.
CREATE TABLE casework_letter (
    id           bigserial   PRIMARY KEY,
    case_id      bigint      NOT NULL REFERENCES casework_case (id) ON DELETE CASCADE,
    kind         text        NOT NULL,
    generated_by text        NOT NULL,
    generated_at timestamptz NOT NULL
);
CREATE INDEX casework_letter_case_idx ON casework_letter (case_id);

-- E-mail and SMS to the young person: sent by the scheduled sender through SMTP or the SMS gateway,
-- or (the default, no gateway configured) MANUAL – listed for staff to send by hand and mark as sent.
CREATE TABLE casework_outbox (
    id              bigserial   PRIMARY KEY,
    case_id         bigint      NOT NULL REFERENCES casework_case (id) ON DELETE CASCADE,
    channel         text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    recipient       text        NOT NULL,
    subject         text,
    body            text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'MANUAL')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    -- the provider's or SMTP server's answer; never a personnummer
    last_error      text,
    provider_id     text,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    sent_by         text
);
CREATE INDEX casework_outbox_due_idx ON casework_outbox (next_attempt_at) WHERE status = 'QUEUED';
CREATE INDEX casework_outbox_case_idx ON casework_outbox (case_id);

-- The handover package for the new hemkommun, produced when a case closes with exit reason UTFLYTTAD
-- (förordning 2006:39): what may be passed on, as it was on that day. The PDF is rendered from it.
CREATE TABLE casework_handover (
    id               bigserial   PRIMARY KEY,
    case_id          bigint      NOT NULL REFERENCES casework_case (id) ON DELETE CASCADE,
    closed_on        date        NOT NULL,
    new_municipality char(4),
    package          jsonb       NOT NULL,
    produced_at      timestamptz NOT NULL,
    UNIQUE (case_id, closed_on)
);

-- The case's history shows the handover too.
ALTER TABLE casework_case_event DROP CONSTRAINT casework_case_event_kind_check;
ALTER TABLE casework_case_event ADD CONSTRAINT casework_case_event_kind_check
    CHECK (kind IN ('OPENED', 'CLOSED', 'REOPENED', 'ASSIGNED', 'HANDOVER'));
