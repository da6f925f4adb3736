-- Today's dossier figures per agency. $1: start of today (city time); $2: now; $3: the agencies
-- (NULL: all; a leader's scope).
-- On time: resolved at or before due_at. Overdue now: not finished and past due_at (any day received),
-- from the folded records (cases, its open-by-deadline index): v_cases would fold every dossier's
-- raw events on each call, seconds with years of history.
WITH today AS (
  SELECT agency_id,
         count(*) FILTER (WHERE event = 'received') AS received,
         count(*) FILTER (WHERE event = 'received' AND channel = 'online') AS received_online,
         count(*) FILTER (WHERE event = 'resolved') AS resolved,
         count(*) FILTER (WHERE event = 'resolved' AND time > due_at) AS resolved_late
    FROM case_events WHERE time >= $1 AND ($3::text[] IS NULL OR agency_id = ANY($3::text[])) GROUP BY agency_id
), overdue AS (
  SELECT agency_id, count(*) AS overdue_now
    FROM cases WHERE status IN ('received', 'in_progress', 'supplement_requested') AND due_at < $2
     AND ($3::text[] IS NULL OR agency_id = ANY($3::text[])) GROUP BY agency_id
)
SELECT a.agency_id, a.name_vi AS name, a.ward_code,
       coalesce(t.received, 0) AS received, coalesce(t.received_online, 0) AS received_online,
       coalesce(t.resolved, 0) AS resolved, coalesce(t.resolved_late, 0) AS resolved_late,
       coalesce(o.overdue_now, 0) AS overdue_now
  FROM agencies a
  LEFT JOIN today t USING (agency_id)
  LEFT JOIN overdue o USING (agency_id)
 WHERE (t.agency_id IS NOT NULL OR o.agency_id IS NOT NULL OR a.registered)
   AND ($3::text[] IS NULL OR a.agency_id = ANY($3::text[]))
 ORDER BY a.agency_id;
