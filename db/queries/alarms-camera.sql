-- Interim alarms: serious camera events of the last hour, newest first. $1: window start, $2: the serious types
SELECT e.event_id, e.camera_id, e.type, e.severity, e.time, coalesce(d.name, e.camera_id) AS camera_name
  FROM camera_events e
  LEFT JOIN devices d ON d.device_type = 'camera' AND d.device_id = e.camera_id
 WHERE e.time >= $1 AND e.type = ANY($2::text[])
 ORDER BY e.time DESC
 LIMIT 100;
