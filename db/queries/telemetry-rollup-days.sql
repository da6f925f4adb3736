-- Stores the local days [$1, $2) summed from the stored hours (a city day is 24 whole hours of
-- date_bin's grid: Asia/Ho_Chi_Minh is UTC+7) and moves telemetry_1d's watermark to $2.
WITH agg AS (
  SELECT date_trunc('day', bucket AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS day, device_id, metric,
         sum(sum) AS sum, min(min) AS min, max(max) AS max, sum(samples) AS samples
    FROM telemetry_1h_store
   WHERE bucket >= $1::timestamptz AND bucket < $2::timestamptz
   GROUP BY 1, 2, 3
), stored AS (
  INSERT INTO telemetry_1d_store (bucket, device_id, metric, sum, min, max, samples)
  SELECT day, device_id, metric, sum, min, max, samples FROM agg
  ON CONFLICT (device_id, metric, bucket) DO UPDATE SET sum = EXCLUDED.sum, min = EXCLUDED.min, max = EXCLUDED.max, samples = EXCLUDED.samples
  RETURNING 1
)
UPDATE telemetry_rollup_watermarks SET upto = greatest(upto, $2::timestamptz) WHERE rollup = 'telemetry_1d'
RETURNING (SELECT count(*) FROM stored)::int AS rows;
