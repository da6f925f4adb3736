-- Stores the online seconds of each hour in [$1, $2) of the cameras $4 (NULL: all) with the silence
-- limit $3, by the rules of camera-uptime-raw.sql: each status holds until the next one, for at most
-- $3 seconds. A message up to $3 before $1 can still hold at $1 (its successors before $1 cut it
-- off there); a span crossing hours is split among them, so a state — and the silence cap — carry
-- over an hour boundary. Hours with nothing online get no row.
WITH spans AS (
  SELECT camera_id, online, greatest(time, $1::timestamptz) AS t0,
         least(lead(time) OVER (PARTITION BY camera_id ORDER BY time), time + make_interval(secs => $3::float8), $2::timestamptz) AS t1
    FROM camera_status
   WHERE time >= $1::timestamptz - make_interval(secs => $3::float8) AND time < $2::timestamptz
     AND ($4::text[] IS NULL OR camera_id = ANY($4::text[]))
), stored AS (
  INSERT INTO camera_uptime_1h (camera_id, bucket, online_seconds)
  SELECT camera_id, b, sum(extract(epoch FROM least(t1, b + INTERVAL '1 hour') - greatest(t0, b)))
    FROM spans
    CROSS JOIN LATERAL generate_series(date_bin(INTERVAL '1 hour', t0, TIMESTAMPTZ '2000-01-03 00:00:00+00'), t1 - INTERVAL '1 microsecond', INTERVAL '1 hour') b
   WHERE online AND t1 > t0
   GROUP BY 1, 2
  ON CONFLICT (camera_id, bucket) DO UPDATE SET online_seconds = EXCLUDED.online_seconds
  RETURNING 1
)
SELECT count(*)::int AS rows FROM stored;
