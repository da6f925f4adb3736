-- The newest camera events, newest first. $1: limit; $2: camera id or NULL for all
SELECT event_id, camera_id, type, severity, plate, time
  FROM camera_events
 WHERE ($2::text IS NULL OR camera_id = $2)
 ORDER BY time DESC
 LIMIT $1;
