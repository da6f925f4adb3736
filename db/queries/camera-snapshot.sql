-- A camera's newest event snapshot (URL or data: URI) within the window. $1: camera id; $2: window start
SELECT snapshot, time FROM camera_events
 WHERE camera_id = $1 AND time >= $2 AND snapshot IS NOT NULL
 ORDER BY time DESC LIMIT 1;
