-- Camera events of the watched types at or after $1 (oldest first, $3 at most).
SELECT (extract(epoch FROM time) * 1000)::float8 AS ms, event_id, camera_id, type, severity, plate
  FROM camera_events
 WHERE time >= $1::timestamptz AND type = ANY($2::text[])
 ORDER BY time
 LIMIT $3;
