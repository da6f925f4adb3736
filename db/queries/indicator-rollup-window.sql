-- What the rollup refresh at $1 (now) recomputes: hours [lo, hi) from the values — the last
-- 3 days, or from the watermark if the job has not run for longer, or from the first value on
-- the first run — up to the last whole hour ending an hour ago (TimescaleDB's policy for
-- indicator_1h: start_offset 3 days, end_offset 1 hour); then the local days [day_lo, day_hi)
-- those hours touch, up to the last whole day in the stored hours. lo is NULL with no values.
WITH w AS (
  SELECT upto FROM indicator_rollup_watermarks WHERE rollup = 'indicator_1h'
), h AS (
  SELECT CASE WHEN w.upto = '-infinity'
              THEN (SELECT date_bin(INTERVAL '1 hour', min(time), TIMESTAMPTZ '2000-01-03 00:00:00+00') FROM indicator_values)
              ELSE date_bin(INTERVAL '1 hour', least(w.upto, $1::timestamptz - INTERVAL '3 days'), TIMESTAMPTZ '2000-01-03 00:00:00+00') END AS lo,
         greatest(date_bin(INTERVAL '1 hour', $1::timestamptz - INTERVAL '1 hour', TIMESTAMPTZ '2000-01-03 00:00:00+00'), w.upto) AS hi
    FROM w
)
SELECT lo, hi,
       date_trunc('day', lo AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS day_lo,
       date_trunc('day', hi AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS day_hi
  FROM h;
