-- Uptime per camera over the period [$1, $2): seconds online and percent of the period online.
-- A status message states the camera's state from its time until the next message, but for at
-- most $3 seconds (the silence limit, CAMERA_OFFLINE_AFTER_S): a camera that stops reporting is
-- offline from then on, whatever it said last (a camera losing power sends no "offline"). The
-- state at the period's start is carried in from the last message before it; time about which
-- nothing is known counts as offline, so the denominator is always the whole period.
-- $1 from, $2 to, $3 silence limit in seconds, $4 camera ids or NULL for all
WITH cams AS (
  SELECT device_id AS camera_id FROM devices
   WHERE device_type = 'camera' AND ($4::text[] IS NULL OR device_id = ANY($4::text[]))
), msgs AS (
  SELECT c.camera_id, p.time, p.online
    FROM cams c
    CROSS JOIN LATERAL (
      -- only a message within the silence limit before the period can still hold at its start
      SELECT time, online FROM camera_status s
       WHERE s.camera_id = c.camera_id AND s.time < $1::timestamptz AND s.time >= $1::timestamptz - make_interval(secs => $3::float8)
       ORDER BY time DESC LIMIT 1
    ) p
  UNION ALL
  SELECT s.camera_id, s.time, s.online
    FROM camera_status s JOIN cams c ON c.camera_id = s.camera_id
   WHERE s.time >= $1::timestamptz AND s.time < $2::timestamptz
), spans AS (
  -- least() skips the NULL lead() of a camera's last message
  SELECT camera_id, online,
         greatest(time, $1::timestamptz) AS t0,
         least(lead(time) OVER (PARTITION BY camera_id ORDER BY time), time + make_interval(secs => $3::float8), $2::timestamptz) AS t1
    FROM msgs
), totals AS (
  SELECT c.camera_id,
         coalesce(sum(extract(epoch FROM s.t1 - s.t0)) FILTER (WHERE s.online AND s.t1 > s.t0), 0)::float8 AS online_seconds
    FROM cams c LEFT JOIN spans s ON s.camera_id = c.camera_id
   GROUP BY c.camera_id
)
SELECT camera_id, online_seconds,
       round((100 * online_seconds / extract(epoch FROM $2::timestamptz - $1::timestamptz))::numeric, 2)::float8 AS uptime_pct
  FROM totals
 ORDER BY camera_id;
