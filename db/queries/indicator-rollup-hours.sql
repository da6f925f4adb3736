-- Stores the hours [$1, $2) computed from the indicator values and moves indicator_1h's watermark
-- to $2. Upserts rather than delete-and-insert: values within the window are only ever added.
WITH agg AS (
  SELECT date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '2000-01-03 00:00:00+00') AS bucket, source, key, dims_key,
         sum(value) AS sum, min(value) AS min, max(value) AS max, count(*) AS samples,
         (array_agg(value ORDER BY time DESC))[1] AS latest, max(time) AS latest_time
    FROM indicator_values
   WHERE time >= $1::timestamptz AND time < $2::timestamptz
   GROUP BY 1, 2, 3, 4
), stored AS (
  INSERT INTO indicator_1h_store (bucket, source, key, dims_key, sum, min, max, samples, latest, latest_time)
  SELECT bucket, source, key, dims_key, sum, min, max, samples, latest, latest_time FROM agg
  ON CONFLICT (source, key, dims_key, bucket) DO UPDATE SET sum = EXCLUDED.sum, min = EXCLUDED.min, max = EXCLUDED.max,
    samples = EXCLUDED.samples, latest = EXCLUDED.latest, latest_time = EXCLUDED.latest_time
  RETURNING 1
)
UPDATE indicator_rollup_watermarks SET upto = $2::timestamptz WHERE rollup = 'indicator_1h'
RETURNING (SELECT count(*) FROM stored)::int AS rows;
