-- Takes the stale ranges (late status rows behind the watermark) and gives the stored hours each
-- covers: from the hour of its first instant to the end of the hour of its last, at most up to the
-- watermark. Taken under the watermark's lock, so no write adds to them meanwhile.
WITH taken AS (DELETE FROM camera_uptime_stale RETURNING camera_id, lo, hi)
SELECT camera_id,
       date_bin(INTERVAL '1 hour', lo, TIMESTAMPTZ '2000-01-03 00:00:00+00') AS lo,
       least(date_bin(INTERVAL '1 hour', hi + INTERVAL '1 hour' - INTERVAL '1 microsecond', TIMESTAMPTZ '2000-01-03 00:00:00+00'),
             (SELECT upto FROM camera_uptime_rollup)) AS hi
  FROM taken
 ORDER BY camera_id;
