-- Dossiers received and resolved per hour since $1 (the start of yesterday, city time) up to $2 (now),
-- of the agencies $3 (NULL: all).
-- hour 0–23: yesterday, 24–47: today. The city's zone has no daylight saving, so hours are 3600 s.
SELECT floor(extract(epoch FROM (time - $1::timestamptz)) / 3600)::int AS hour,
       count(*) FILTER (WHERE event = 'received') AS received,
       count(*) FILTER (WHERE event = 'resolved') AS resolved
  FROM case_events
 WHERE time >= $1 AND time <= $2 AND ($3::text[] IS NULL OR agency_id = ANY($3::text[]))
 GROUP BY 1;
