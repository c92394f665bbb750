-- The reported facts of a period (an SCB half-year, a board report's half-year): one row per person who
-- was in a municipality's group at any time during it. The one definition the SCB return, the board
-- report and the manager's overview read (docs/reporting.md); casework owns it, since most of the facts
-- are its records. The membership comes from targetgroup's episodes, the identity from person.
--
--   registered, reason          the latest episode overlapping the period: its entry day and reason
--   first_registered            her first entry into this municipality's group, ever
--   exited, exit_reason         that episode's exit, when it falls inside the period (on or before its last day)
--   contact_during_period       an attempt with outcome REACHED (not struck out) on a day inside the period
--                               and inside one of her episodes
--   latest_contact              the latest such day
--   occupation_at_latest_contact  the occupation valid on that day (verified on or before it, not ended
--                               before it, the latest verified); UNKNOWN when none is recorded; NULL
--                               without a contact
--   first_contact               the first reached contact on or after the registration day (as the case's
--                               clock counts it, casework_case_state.first_contact, for the current episode)
--   measures                    the measures overlapping the period, oldest first: reporting category,
--                               start (its start, or the offer), end (when inside the period), declined,
--                               and for an ended one the occupation after it (the first verified on or after
--                               its end, inside the period; UNKNOWN when none)
--   p_details false leaves the occupation at the latest contact and the measures out (NULL and []): a
--   page that counts members, registrations and contacts does not pay for them
CREATE FUNCTION casework_period_records(p_municipality char(4), p_first date, p_last date, p_details boolean DEFAULT true)
RETURNS TABLE (person_id uuid, pnr char(12), birth_date date, case_id bigint, first_registered date,
               registered date, reason text, exited date, exit_reason text, contact_during_period boolean,
               latest_contact date, occupation_at_latest_contact text, first_contact date, measures jsonb)
LANGUAGE sql STABLE AS $$
    -- Every step is a join or a lookup by index: a CTE has no index, and a subquery per person into one
    -- (first contact, "inside an episode") was quadratic – 23 s for 14,000 persons.
    WITH ep AS MATERIALIZED (
        SELECT e.person_id, e.entered, e.reason, e.exited, e.exit_reason
        FROM membership_episode e
        WHERE e.municipality = p_municipality AND e.entered <= p_last AND (e.exited IS NULL OR e.exited > p_first)),
    latest AS MATERIALIZED (
        SELECT DISTINCT ON (ep.person_id) ep.* FROM ep ORDER BY ep.person_id, ep.entered DESC),
    reached AS MATERIALIZED (
        SELECT k.person_id, CAST((a.attempted_at AT TIME ZONE 'Europe/Stockholm') AS date) AS d
        FROM latest l
        JOIN casework_case k ON k.person_id = l.person_id AND k.municipality = p_municipality
        JOIN casework_contact_attempt a ON a.case_id = k.id
        WHERE a.outcome = 'REACHED' AND a.struck_at IS NULL),
    contact AS (
        SELECT r.person_id, max(r.d) AS latest_contact
        FROM reached r JOIN ep ON ep.person_id = r.person_id AND r.d >= ep.entered AND (ep.exited IS NULL OR r.d < ep.exited)
        WHERE r.d BETWEEN p_first AND p_last
        GROUP BY r.person_id),
    first AS (
        SELECT r.person_id, min(r.d) AS first_contact
        FROM reached r JOIN latest l ON l.person_id = r.person_id AND r.d >= l.entered
        GROUP BY r.person_id)
    SELECT l.person_id, p.pnr, p.birth_date, k.id,
           (SELECT min(e.entered) FROM membership_episode e
            WHERE e.person_id = l.person_id AND e.municipality = p_municipality),
           l.entered, l.reason,
           CASE WHEN l.exited <= p_last THEN l.exited END,
           CASE WHEN l.exited <= p_last THEN l.exit_reason END,
           ct.latest_contact IS NOT NULL,
           ct.latest_contact,
           CASE WHEN p_details AND ct.latest_contact IS NOT NULL THEN COALESCE((
               SELECT o.type FROM casework_occupation o
               WHERE o.case_id = k.id AND o.verified_on <= ct.latest_contact
                 AND (o.ended IS NULL OR o.ended >= ct.latest_contact)
               ORDER BY o.verified_on DESC, o.id DESC LIMIT 1), 'UNKNOWN') END,
           f.first_contact,
           CASE WHEN NOT p_details THEN '[]'::jsonb ELSE COALESCE((
               SELECT jsonb_agg(jsonb_build_object(
                          'type', t.reporting_category,
                          'start', COALESCE(m.starts, m.offered_on),
                          'end', CASE WHEN m.ends <= p_last THEN m.ends END,
                          'declined', m.status = 'DECLINED',
                          'occupationAfter', CASE WHEN m.ends <= p_last AND m.status <> 'DECLINED' THEN COALESCE((
                              SELECT o.type FROM casework_occupation o
                              WHERE o.case_id = k.id AND o.verified_on >= m.ends AND o.verified_on <= p_last
                              ORDER BY o.verified_on, o.id LIMIT 1), 'UNKNOWN') END)
                      ORDER BY COALESCE(m.starts, m.offered_on), m.id)
               FROM casework_measure m JOIN casework_measure_type t ON t.id = m.measure_type_id
               WHERE m.case_id = k.id AND COALESCE(m.starts, m.offered_on) <= p_last
                 AND (m.ends IS NULL OR m.ends >= p_first)), '[]'::jsonb) END
    FROM latest l
    JOIN person p ON p.id = l.person_id
    LEFT JOIN casework_case k ON k.person_id = l.person_id AND k.municipality = p_municipality
    LEFT JOIN contact ct ON ct.person_id = l.person_id
    LEFT JOIN first f ON f.person_id = l.person_id
$$;
