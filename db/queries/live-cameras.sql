-- Every camera (fields in force: v_cameras) with its latest status within 24 hours and its latest event time. $1: window start; $2: ids or NULL
SELECT d.camera_id AS device_id, d.name, d.road, d.lon, d.lat, d.ward_code, d.stream_url,
       s.online, s.time AS status_time,
       (SELECT max(time) FROM camera_events e WHERE e.camera_id = d.camera_id AND e.time >= $1) AS last_event
  FROM v_cameras d
  LEFT JOIN LATERAL (
    SELECT online, time FROM camera_status cs WHERE cs.camera_id = d.camera_id AND cs.time >= $1 ORDER BY time DESC LIMIT 1
  ) s ON true
 WHERE ($2::text[] IS NULL OR d.camera_id = ANY($2::text[]));
