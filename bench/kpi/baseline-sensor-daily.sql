-- Baseline for sensor-daily.sql: the same series from the raw readings.
SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh') AS bucket,
       avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS samples
  FROM telemetry
 WHERE device_id = $1 AND metric = $2 AND time >= $3::timestamptz AND time < $4::timestamptz
 GROUP BY 1
 ORDER BY 1;
