-- Baseline for db/queries/kpi-cases-today.sql: the same figures with "overdue now" folded from the raw
-- events through v_cases, as the product computed it before it read the folded records (cases).
-- Today's dossier figures per agency. $1: start of today (city time); $2: now.
-- On time: resolved at or before due_at. Overdue now: not finished and past due_at (any day received).
WITH today AS (
  SELECT agency_id,
         count(*) FILTER (WHERE event = 'received') AS received,
         count(*) FILTER (WHERE event = 'received' AND channel = 'online') AS received_online,
         count(*) FILTER (WHERE event = 'resolved') AS resolved,
         count(*) FILTER (WHERE event = 'resolved' AND time > due_at) AS resolved_late
    FROM case_events WHERE time >= $1 GROUP BY agency_id
), overdue AS (
  SELECT agency_id, count(*) AS overdue_now
    FROM v_cases WHERE status NOT IN ('resolved', 'returned', 'withdrawn') AND due_at < $2 GROUP BY agency_id
)
SELECT a.agency_id, a.name_vi AS name, a.ward_code,
       coalesce(t.received, 0) AS received, coalesce(t.received_online, 0) AS received_online,
       coalesce(t.resolved, 0) AS resolved, coalesce(t.resolved_late, 0) AS resolved_late,
       coalesce(o.overdue_now, 0) AS overdue_now
  FROM agencies a
  LEFT JOIN today t USING (agency_id)
  LEFT JOIN overdue o USING (agency_id)
 WHERE t.agency_id IS NOT NULL OR o.agency_id IS NOT NULL OR a.registered
 ORDER BY a.agency_id;
