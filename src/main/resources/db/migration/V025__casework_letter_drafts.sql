-- Issue 8 (docs/casework.md): a letter is a contact attempt only once it is sent, a wrongly logged
-- attempt can be struck out, and a message stuck in SENDING is set aside for a person to check.

-- One generation of letters (one from the case page, or many in one PDF from the worklist or the
-- API): a printed batch is marked sent in one go.
CREATE TABLE casework_letter_batch (
    id           bigserial   PRIMARY KEY,
    kind         text        NOT NULL,
    letters      integer     NOT NULL,
    generated_by text        NOT NULL,
    generated_at timestamptz NOT NULL
);

-- A generated letter is a DRAFT until someone marks it SENT (then, and only then, it is logged as a
-- contact attempt). The letters generated before this migration were logged as attempts when they
-- were generated: they are SENT, at that time, by whoever generated them.
ALTER TABLE casework_letter
    ADD COLUMN batch_id bigint REFERENCES casework_letter_batch (id) ON DELETE SET NULL,
    ADD COLUMN heading  text,
    ADD COLUMN status   text NOT NULL DEFAULT 'SENT' CHECK (status IN ('DRAFT', 'SENT')),
    ADD COLUMN sent_at  timestamptz,
    ADD COLUMN sent_by  text;
UPDATE casework_letter l SET sent_at = l.generated_at, sent_by = l.generated_by,
       heading = (SELECT substr(a.note, length('Brev: ') + 1) FROM casework_contact_attempt a
                  WHERE a.channel = 'LETTER' AND a.message_id = l.id AND a.case_id = l.case_id
                  ORDER BY a.id LIMIT 1);
ALTER TABLE casework_letter ALTER COLUMN status SET DEFAULT 'DRAFT';
ALTER TABLE casework_letter ADD CONSTRAINT casework_letter_sent_check
    CHECK ((status = 'SENT') = (sent_at IS NOT NULL AND sent_by IS NOT NULL));
CREATE INDEX casework_letter_batch_idx ON casework_letter (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX casework_letter_draft_idx ON casework_letter (case_id) WHERE status = 'DRAFT';

-- A contact attempt logged by mistake is struck out, not deleted: it stays in the history with who
-- struck it, when and why, and no longer counts (contact state, clocks, worklist).
ALTER TABLE casework_contact_attempt
    ADD COLUMN struck_at     timestamptz,
    ADD COLUMN struck_by     text,
    ADD COLUMN struck_reason text,
    ADD CONSTRAINT casework_contact_attempt_struck_check
        CHECK ((struck_at IS NULL) = (struck_by IS NULL) AND (struck_at IS NULL) = (struck_reason IS NULL));

-- A message left in SENDING longer than kaa.casework.messages.sending-timeout (the sender died
-- between claiming it and hearing from the gateway) may or may not have gone out: UNCERTAIN, for a
-- person to check, mark sent or put back in the queue – never re-sent on its own.
ALTER TABLE casework_outbox DROP CONSTRAINT casework_outbox_status_check;
ALTER TABLE casework_outbox ADD CONSTRAINT casework_outbox_status_check
    CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'MANUAL', 'UNCERTAIN'));
CREATE INDEX casework_outbox_sending_idx ON casework_outbox (updated_at) WHERE status = 'SENDING';
