-- Stores the local days [$1, $2) from the stored hours (a city day is 24 whole hours of date_bin's
-- grid: Asia/Ho_Chi_Minh is UTC+7) and moves indicator_1d's watermark to $2. A day's latest value
-- is its latest hour's.
WITH agg AS (
  SELECT date_trunc('day', bucket AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS day, source, key, dims_key,
         sum(sum) AS sum, min(min) AS min, max(max) AS max, sum(samples) AS samples,
         (array_agg(latest ORDER BY latest_time DESC))[1] AS latest, max(latest_time) AS latest_time
    FROM indicator_1h_store
   WHERE bucket >= $1::timestamptz AND bucket < $2::timestamptz
   GROUP BY 1, 2, 3, 4
), stored AS (
  INSERT INTO indicator_1d_store (bucket, source, key, dims_key, sum, min, max, samples, latest, latest_time)
  SELECT day, source, key, dims_key, sum, min, max, samples, latest, latest_time FROM agg
  ON CONFLICT (source, key, dims_key, bucket) DO UPDATE SET sum = EXCLUDED.sum, min = EXCLUDED.min, max = EXCLUDED.max,
    samples = EXCLUDED.samples, latest = EXCLUDED.latest, latest_time = EXCLUDED.latest_time
  RETURNING 1
)
UPDATE indicator_rollup_watermarks SET upto = greatest(upto, $2::timestamptz) WHERE rollup = 'indicator_1d'
RETURNING (SELECT count(*) FROM stored)::int AS rows;
