-- The camera-event feed searched by plate: the same filters, parameters and columns as
-- camera-event-feed.sql, with $8 (the plate key) required. The matching events are found first,
-- through the trigram index, and only then sorted: left to itself the planner walks the time index
-- newest first hoping to meet 31 matches soon — for a plate seen a few times in months, that is a
-- walk over every event (measured: 0.35 s over 200 000 events, against 13 ms this way).
WITH hits AS MATERIALIZED (
  SELECT time, event_id, camera_id, type, severity, plate, vehicle_count, (snapshot IS NOT NULL) AS has_snapshot
    FROM camera_events
   WHERE plate IS NOT NULL AND plate_key(plate) LIKE '%' || $8::text || '%'
     AND ($2::text[] IS NULL OR type = ANY($2::text[]))
     AND ($3::int[] IS NULL OR severity = ANY($3::int[]))
     AND ($6::timestamptz IS NULL OR time >= $6::timestamptz)
     AND ($7::timestamptz IS NULL OR time < $7::timestamptz)
)
SELECT e.event_id, e.camera_id, d.name AS camera_name, d.road, d.ward_code, w.name AS ward_name,
       e.type, e.severity, e.plate, e.vehicle_count, e.time, e.has_snapshot,
       a.acked_by, a.acked_at, a.note AS ack_note
  FROM hits e
  LEFT JOIN devices d ON d.device_type = 'camera' AND d.device_id = e.camera_id
  LEFT JOIN wards w ON w.code = d.ward_code
  LEFT JOIN camera_event_acks a ON a.event_id = e.event_id
 WHERE ($1::text = 'all' OR ($1::text = 'open' AND a.event_id IS NULL) OR ($1::text = 'acked' AND a.event_id IS NOT NULL))
   AND ($4::text IS NULL OR d.ward_code = $4::text)
   AND ($5::text IS NULL OR d.road = $5::text)
   AND ($9::timestamptz IS NULL OR (e.time, e.event_id) < ($9::timestamptz, $10::text))
 ORDER BY e.time DESC, e.event_id DESC
 LIMIT $11;
