-- The devices an offline rule could move this tick: silent since before $1 (now less the shortest
-- rule's minutes), and those with an open offline alarm ($2 types, $3 ids) to see whether they
-- are heard again. Every other device is heard from within every rule's minutes and has no alarm
-- to clear, so it is not read (all 10 000 of them each tick cost 14 % of a core on PGlite).
SELECT device_type, device_id, (extract(epoch FROM last_seen) * 1000)::float8 AS last_seen_ms
  FROM devices
 WHERE last_seen < $1::timestamptz
    OR (device_type, device_id) IN (SELECT * FROM unnest($2::text[], $3::text[]));
