-- Uptime per camera over the period [$1, $2) from the raw status rows alone: seconds online and
-- percent of the period online. The reference for the stored hourly rollup (migration 025): the
-- console reads camera-uptime.sql, which gives the same answer from the rollup plus the edges, and
-- test/camera-uptime-rollup.test.ts holds the two equal; bench:uptime times both.
-- A status message states the camera's state from its time until the next message, but for at
-- most $3 seconds (the silence limit, CAMERA_OFFLINE_AFTER_S): a camera that stops reporting is
-- offline from then on, whatever it said last (a camera losing power sends no "offline"). The
-- state at the period's start is carried in from the last message before it; time about which
-- nothing is known counts as offline, so the denominator is always the whole period.
-- One camera at a time (LATERAL): its messages come in time order from the primary key
-- (camera_id, time), so the window needs no sort of the whole period's rows.
-- $1 from, $2 to, $3 silence limit in seconds, $4 camera ids or NULL for all
SELECT d.device_id AS camera_id, coalesce(u.online_seconds, 0)::float8 AS online_seconds,
       round((100 * coalesce(u.online_seconds, 0) / extract(epoch FROM $2::timestamptz - $1::timestamptz))::numeric, 2)::float8 AS uptime_pct
  FROM devices d
  CROSS JOIN LATERAL (
    SELECT sum(extract(epoch FROM t1 - t0)) FILTER (WHERE online AND t1 > t0) AS online_seconds
      FROM (
        -- least() skips the NULL lead() of the camera's last message
        SELECT online, greatest(time, $1::timestamptz) AS t0,
               least(lead(time) OVER (ORDER BY time), time + make_interval(secs => $3::float8), $2::timestamptz) AS t1
          FROM (
            -- only a message within the silence limit before the period can still hold at its start
            (SELECT time, online FROM camera_status s
              WHERE s.camera_id = d.device_id AND s.time < $1::timestamptz AND s.time >= $1::timestamptz - make_interval(secs => $3::float8)
              ORDER BY time DESC LIMIT 1)
            UNION ALL
            (SELECT time, online FROM camera_status s
              WHERE s.camera_id = d.device_id AND s.time >= $1::timestamptz AND s.time < $2::timestamptz)
          ) m
      ) spans
  ) u
 WHERE d.device_type = 'camera' AND ($4::text[] IS NULL OR d.device_id = ANY($4::text[]))
 ORDER BY d.device_id;
