-- Uptime per camera over the period [$1, $2): seconds online and percent of the period online —
-- the same answer as camera-uptime-raw.sql (its comment has the rules), from the hourly rollup
-- (migration 025) for the period's whole stored hours and from the raw rows for the rest: the
-- partial hours at both ends and the hours after the watermark. Online time is an integral over
-- the period, so it adds up exactly over the pieces; the raw edges carry their state in from
-- before them as the raw query carries it into the period.
-- A camera with stale stored hours in the period (late status rows, not yet recomputed) and a
-- store made with another silence limit are read from the raw rows alone.
-- $1 from, $2 to, $3 silence limit in seconds, $4 camera ids or NULL for all
WITH w AS (
  SELECT CASE WHEN r.silence_s = $3::float8 THEN r.upto ELSE '-infinity' END AS upto FROM camera_uptime_rollup r
), h AS (
  -- the first whole hour of the period, and the end of its last whole stored hour
  SELECT date_bin(INTERVAL '1 hour', $1::timestamptz + INTERVAL '1 hour' - INTERVAL '1 microsecond', TIMESTAMPTZ '2000-01-03 00:00:00+00') AS h0,
         least(date_bin(INTERVAL '1 hour', $2::timestamptz, TIMESTAMPTZ '2000-01-03 00:00:00+00'), w.upto) AS h1
    FROM w
), part AS (
  -- [a, b): the stored part of the period; none (a = b = the period's end) when it has no whole stored hour
  SELECT CASE WHEN h0 < h1 THEN h0 ELSE $2::timestamptz END AS a, CASE WHEN h0 < h1 THEN h1 ELSE $2::timestamptz END AS b FROM h
)
SELECT d.device_id AS camera_id, (coalesce(st.secs, 0) + coalesce(raw.secs, 0))::float8 AS online_seconds,
       round((100 * (coalesce(st.secs, 0) + coalesce(raw.secs, 0)) / extract(epoch FROM $2::timestamptz - $1::timestamptz))::numeric, 2)::float8 AS uptime_pct
  FROM devices d
  CROSS JOIN part p
  CROSS JOIN LATERAL (
    SELECT CASE WHEN s.camera_id IS NULL THEN p.a ELSE $2::timestamptz END AS a,
           CASE WHEN s.camera_id IS NULL THEN p.b ELSE $2::timestamptz END AS b
      FROM (SELECT 1) one
      LEFT JOIN camera_uptime_stale s ON s.camera_id = d.device_id AND s.lo < p.b AND s.hi > p.a
  ) c
  CROSS JOIN LATERAL (
    SELECT sum(online_seconds) AS secs FROM camera_uptime_1h u
     WHERE u.camera_id = d.device_id AND u.bucket >= c.a AND u.bucket < c.b
  ) st
  CROSS JOIN LATERAL (
    -- camera-uptime-raw.sql over each edge [x, y)
    SELECT sum(extract(epoch FROM t1 - t0)) FILTER (WHERE online AND t1 > t0) AS secs
      FROM (VALUES ($1::timestamptz, c.a), (c.b, $2::timestamptz)) e (x, y)
      CROSS JOIN LATERAL (
        SELECT online, greatest(time, e.x) AS t0,
               least(lead(time) OVER (ORDER BY time), time + make_interval(secs => $3::float8), e.y) AS t1
          FROM (
            (SELECT time, online FROM camera_status s
              WHERE s.camera_id = d.device_id AND s.time < e.x AND s.time >= e.x - make_interval(secs => $3::float8)
              ORDER BY time DESC LIMIT 1)
            UNION ALL
            (SELECT time, online FROM camera_status s
              WHERE s.camera_id = d.device_id AND s.time >= e.x AND s.time < e.y)
          ) m
      ) spans
     WHERE e.x < e.y
  ) raw
 WHERE d.device_type = 'camera' AND ($4::text[] IS NULL OR d.device_id = ANY($4::text[]))
 ORDER BY d.device_id;
