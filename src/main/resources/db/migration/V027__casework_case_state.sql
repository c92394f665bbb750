-- What is derived about a case from its records, kept when the records change instead of computed
-- for every open case on every worklist request (docs/casework.md, "Case state"). One row per case
-- that has been refreshed; a case without a row has none of these facts (LEFT JOIN). Only facts are
-- kept – never today's reading of them: the targets, the expiry days and "today" are applied when read.
--
-- The one definition of every column is casework_refresh_case_state below; the triggers call it
-- for every case whose contact attempts, occupations, measures or entry day change, whoever writes
-- them (casework, letters, messages, the demo, SQL). KeptCaseStateTest compares the kept rows with a
-- fresh refresh after every kind of write.
CREATE TABLE casework_case_state (
    case_id                bigint PRIMARY KEY REFERENCES casework_case (id) ON DELETE CASCADE,
    -- counted (not struck-out) attempts on or after the entry day, by their day in Swedish time
    first_attempt          date,
    first_contact          date,
    -- the latest counted attempt other than SENT (a letter or message with no answer yet)
    last_outcome           text,
    next_attempt_due       date,
    -- the first measure offered on or after the entry day
    first_measure          date,
    -- over the measures neither ended nor declined: the earliest follow-up and every end date
    follow_up              date,
    measure_ends           date[] NOT NULL DEFAULT '{}',
    -- the latest occupation (it goes stale verified_on + its type's days)
    occupation_type        text,
    occupation_verified_on date
);

CREATE FUNCTION casework_refresh_case_state(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO casework_case_state AS st (case_id, first_attempt, first_contact, last_outcome, next_attempt_due,
                                           first_measure, follow_up, measure_ends, occupation_type,
                                           occupation_verified_on)
    SELECT c.id, att.first_attempt, att.first_contact, last.outcome, last.next_attempt_due,
           mea.first_measure, mea.follow_up, COALESCE(mea.ends, '{}'), occ.type, occ.verified_on
    FROM casework_case c
    JOIN (SELECT DISTINCT unnest(ids) AS id) wanted ON wanted.id = c.id
    LEFT JOIN LATERAL (
        SELECT min(CAST((a.attempted_at AT TIME ZONE 'Europe/Stockholm') AS date)) AS first_attempt,
               min(CAST((a.attempted_at AT TIME ZONE 'Europe/Stockholm') AS date))
                   FILTER (WHERE a.outcome = 'REACHED') AS first_contact
        FROM casework_contact_attempt a
        WHERE a.case_id = c.id AND a.struck_at IS NULL
          AND CAST((a.attempted_at AT TIME ZONE 'Europe/Stockholm') AS date) >= c.entered) att ON true
    LEFT JOIN LATERAL (
        SELECT a.outcome, a.next_attempt_due FROM casework_contact_attempt a
        WHERE a.case_id = c.id AND a.struck_at IS NULL AND a.outcome <> 'SENT'
          AND CAST((a.attempted_at AT TIME ZONE 'Europe/Stockholm') AS date) >= c.entered
        ORDER BY a.attempted_at DESC, a.id DESC LIMIT 1) last ON true
    LEFT JOIN LATERAL (
        SELECT min(m.offered_on) FILTER (WHERE m.offered_on >= c.entered) AS first_measure,
               min(m.follow_up) FILTER (WHERE m.status NOT IN ('ENDED', 'DECLINED')) AS follow_up,
               array_agg(m.ends ORDER BY m.ends)
                   FILTER (WHERE m.status NOT IN ('ENDED', 'DECLINED') AND m.ends IS NOT NULL) AS ends
        FROM casework_measure m WHERE m.case_id = c.id) mea ON true
    LEFT JOIN LATERAL (
        SELECT x.type, x.verified_on FROM casework_occupation x WHERE x.case_id = c.id
        ORDER BY x.verified_on DESC, x.id DESC LIMIT 1) occ ON true
    ON CONFLICT (case_id) DO UPDATE SET
        first_attempt = EXCLUDED.first_attempt, first_contact = EXCLUDED.first_contact,
        last_outcome = EXCLUDED.last_outcome, next_attempt_due = EXCLUDED.next_attempt_due,
        first_measure = EXCLUDED.first_measure, follow_up = EXCLUDED.follow_up,
        measure_ends = EXCLUDED.measure_ends, occupation_type = EXCLUDED.occupation_type,
        occupation_verified_on = EXCLUDED.occupation_verified_on
    WHERE (st.first_attempt, st.first_contact, st.last_outcome, st.next_attempt_due, st.first_measure,
           st.follow_up, st.measure_ends, st.occupation_type, st.occupation_verified_on)
          IS DISTINCT FROM
          (EXCLUDED.first_attempt, EXCLUDED.first_contact, EXCLUDED.last_outcome, EXCLUDED.next_attempt_due,
           EXCLUDED.first_measure, EXCLUDED.follow_up, EXCLUDED.measure_ends, EXCLUDED.occupation_type,
           EXCLUDED.occupation_verified_on)
$$;

-- A restore loads the kept rows as they were backed up (Restore sets kaa.restoring for its
-- transaction when it cannot turn triggers off); everything else refreshes the cases it touched,
-- once per statement.
CREATE FUNCTION casework_case_state_of_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('kaa.restoring', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM casework_refresh_case_state(ARRAY(SELECT DISTINCT case_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM casework_refresh_case_state(ARRAY(SELECT DISTINCT case_id FROM old_rows));
    ELSE
        PERFORM casework_refresh_case_state(ARRAY(SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION casework_case_state_of_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('kaa.restoring', true) = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM casework_refresh_case_state(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.entered IS DISTINCT FROM o.entered));
    RETURN NULL;
END
$$;

-- On each table a case's records are in: after every insert, update and delete, once per statement
-- (transition tables take one event per trigger).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['casework_contact_attempt', 'casework_measure', 'casework_occupation'] LOOP
        EXECUTE format('CREATE TRIGGER %1$s_state_ins AFTER INSERT ON %1$s REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION casework_case_state_of_records()', t);
        EXECUTE format('CREATE TRIGGER %1$s_state_upd AFTER UPDATE ON %1$s REFERENCING NEW TABLE AS new_rows '
                       'OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_state_of_records()', t);
        EXECUTE format('CREATE TRIGGER %1$s_state_del AFTER DELETE ON %1$s REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION casework_case_state_of_records()', t);
    END LOOP;
END
$$;

-- A reopened case counts from its new entry day: what was done before it no longer counts.
CREATE TRIGGER casework_case_state_entry AFTER UPDATE ON casework_case
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casework_case_state_of_entry();

-- The cases there are today (PERFORM: a SELECT's result would be printed by Flyway).
DO $$ BEGIN PERFORM casework_refresh_case_state(ARRAY(SELECT id FROM casework_case)); END $$;
