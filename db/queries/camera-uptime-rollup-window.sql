-- What the refresh at $1 (now) stores next: hours from the watermark — or from the first status
-- on the first run — up to the last whole hour ending an hour ago (as the telemetry rollups, 017).
-- lo is NULL with no status at all. Read after the watermark is locked, so the first status is
-- seen with every write that came before.
SELECT CASE WHEN r.upto = '-infinity'
            THEN (SELECT date_bin(INTERVAL '1 hour', min(time), TIMESTAMPTZ '2000-01-03 00:00:00+00') FROM camera_status)
            ELSE r.upto END AS lo,
       date_bin(INTERVAL '1 hour', $1::timestamptz - INTERVAL '1 hour', TIMESTAMPTZ '2000-01-03 00:00:00+00') AS until
  FROM camera_uptime_rollup r;
