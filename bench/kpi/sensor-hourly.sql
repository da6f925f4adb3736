-- A sensor's hourly series over [$3, $4) from the hourly rollup (see sensor-daily.sql).
SELECT bucket, avg, min, max, samples FROM telemetry_1h
 WHERE device_id = $1 AND metric = $2 AND bucket >= $3::timestamptz AND bucket < $4::timestamptz
 ORDER BY bucket;
