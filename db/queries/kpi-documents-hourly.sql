-- Incoming documents registered per hour since $1 (the start of yesterday, city time) up to $2 (now),
-- of the agencies $3 (NULL: all).
-- hour 0–23: yesterday, 24–47: today.
SELECT floor(extract(epoch FROM (time - $1::timestamptz)) / 3600)::int AS hour,
       count(*) AS registered
  FROM document_events
 WHERE time >= $1 AND time <= $2 AND direction = 'incoming' AND event = 'registered'
   AND ($3::text[] IS NULL OR agency_id = ANY($3::text[]))
 GROUP BY 1;
