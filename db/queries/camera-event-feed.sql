-- The camera-event feed for officers, newest first, one keyset page (after the event ($9, $10)).
-- Every filter is optional (NULL: no filter). $1: 'open' (not acknowledged) | 'acked' | 'all';
-- $2: types; $3: severities; $4: ward code; $5: road; $6, $7: time range [from, to);
-- $8: plate key (contracts/camera-events.ts plateKey), matched anywhere in the plate (a search
-- runs camera-event-feed-plate.sql instead, which uses the trigram index of migration 015); $11: page size. The snapshot itself is not read here.
SELECT e.event_id, e.camera_id, d.name AS camera_name, d.road, d.ward_code, w.name AS ward_name,
       e.type, e.severity, e.plate, e.vehicle_count, e.time, (e.snapshot IS NOT NULL) AS has_snapshot,
       a.acked_by, a.acked_at, a.note AS ack_note
  FROM camera_events e
  LEFT JOIN devices d ON d.device_type = 'camera' AND d.device_id = e.camera_id
  LEFT JOIN wards w ON w.code = d.ward_code
  LEFT JOIN camera_event_acks a ON a.event_id = e.event_id
 WHERE ($1::text = 'all' OR ($1::text = 'open' AND a.event_id IS NULL) OR ($1::text = 'acked' AND a.event_id IS NOT NULL))
   AND ($2::text[] IS NULL OR e.type = ANY($2::text[]))
   AND ($3::int[] IS NULL OR e.severity = ANY($3::int[]))
   AND ($4::text IS NULL OR d.ward_code = $4::text)
   AND ($5::text IS NULL OR d.road = $5::text)
   AND ($6::timestamptz IS NULL OR e.time >= $6::timestamptz)
   AND ($7::timestamptz IS NULL OR e.time < $7::timestamptz)
   AND ($8::text IS NULL OR (e.plate IS NOT NULL AND plate_key(e.plate) LIKE '%' || $8::text || '%'))
   AND ($9::timestamptz IS NULL OR (e.time, e.event_id) < ($9::timestamptz, $10::text))
 ORDER BY e.time DESC, e.event_id DESC
 LIMIT $11;
