-- The snapshot (URL or data: URI) of camera event $1, if it has one.
SELECT snapshot FROM camera_events WHERE event_id = $1 AND snapshot IS NOT NULL ORDER BY time DESC LIMIT 1;
