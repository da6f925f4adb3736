-- A sensor's daily series (city days) over [$3, $4): what a 30-day chart of one station reads from
-- the daily rollup. Not yet a product query: the console shows live values and 6 hours so far.
SELECT bucket, avg, min, max, samples FROM telemetry_1d
 WHERE device_id = $1 AND metric = $2 AND bucket >= $3::timestamptz AND bucket < $4::timestamptz
 ORDER BY bucket;
