-- Dossier totals over [$1, $2] of the agencies $3 (NULL: all): what "yesterday up to the same time" compares with.
-- The same definitions as kpi-cases-today.sql (on time: resolved at or before due_at).
SELECT count(*) FILTER (WHERE event = 'received') AS received,
       count(*) FILTER (WHERE event = 'received' AND channel = 'online') AS received_online,
       count(*) FILTER (WHERE event = 'resolved') AS resolved,
       count(*) FILTER (WHERE event = 'resolved' AND time > due_at) AS resolved_late
  FROM case_events
 WHERE time >= $1 AND time <= $2 AND ($3::text[] IS NULL OR agency_id = ANY($3::text[]));
