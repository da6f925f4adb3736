-- Cameras by number of events (all types) in [$1, $2), with how many were serious (severity 3 or
-- a type in $3: contracts/channels.ts isSeriousEvent). $4: limit.
SELECT e.camera_id, d.name, d.road, count(*)::int AS events,
       count(*) FILTER (WHERE e.severity >= 3 OR e.type = ANY($3::text[]))::int AS serious
  FROM camera_events e
  LEFT JOIN devices d ON d.device_type = 'camera' AND d.device_id = e.camera_id
 WHERE e.time >= $1::timestamptz AND e.time < $2::timestamptz
 GROUP BY e.camera_id, d.name, d.road
 ORDER BY events DESC, e.camera_id
 LIMIT $4;
