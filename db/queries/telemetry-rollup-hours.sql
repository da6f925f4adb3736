-- Stores the hours [$1, $2) computed from the readings and moves telemetry_1h's watermark to $2.
-- Upserts rather than delete-and-insert: readings within the window are only ever added.
WITH agg AS (
  SELECT date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '2000-01-03 00:00:00+00') AS bucket, device_id, metric,
         sum(value) AS sum, min(value) AS min, max(value) AS max, count(*) AS samples
    FROM telemetry
   WHERE time >= $1::timestamptz AND time < $2::timestamptz
   GROUP BY 1, 2, 3
), stored AS (
  INSERT INTO telemetry_1h_store (bucket, device_id, metric, sum, min, max, samples)
  SELECT bucket, device_id, metric, sum, min, max, samples FROM agg
  ON CONFLICT (device_id, metric, bucket) DO UPDATE SET sum = EXCLUDED.sum, min = EXCLUDED.min, max = EXCLUDED.max, samples = EXCLUDED.samples
  RETURNING 1
)
UPDATE telemetry_rollup_watermarks SET upto = $2::timestamptz WHERE rollup = 'telemetry_1h'
RETURNING (SELECT count(*) FROM stored)::int AS rows;
