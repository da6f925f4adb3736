-- Roads by congestion hours in [$1, $2): the distinct clock hours (zone $3) in which a camera on
-- the road reported congestion, and how many congestion events. $4: limit. Road NULL: cameras
-- whose meta names no road.
SELECT d.road, count(DISTINCT date_trunc('hour', e.time AT TIME ZONE $3::text))::int AS hours, count(*)::int AS events
  FROM camera_events e
  LEFT JOIN devices d ON d.device_type = 'camera' AND d.device_id = e.camera_id
 WHERE e.time >= $1::timestamptz AND e.time < $2::timestamptz AND e.type = 'congestion'
 GROUP BY d.road
 ORDER BY hours DESC, events DESC, d.road
 LIMIT $4;
