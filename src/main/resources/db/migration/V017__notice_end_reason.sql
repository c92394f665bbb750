-- A STOP notice states why the pupil stopped (slutorsak), as inskrivningar.csv does. Notices received
-- before this was required keep NULL: they stay valid, and their enrolment's end has no reason.
ALTER TABLE notice ADD COLUMN end_reason text
    CHECK (end_reason IN ('AVBROTT', 'FULLFOLJT', 'BYTE'));
ALTER TABLE notice ADD CONSTRAINT notice_end_reason_only_on_stop CHECK (end_reason IS NULL OR type = 'STOP');
COMMENT ON COLUMN notice.end_reason IS 'STOP only: AVBROTT, BYTE or FULLFOLJT; also written as the ended enrolment''s end_reason. NULL on notices from before V017';
