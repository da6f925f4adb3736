-- Readings of the watched metrics at or after $1 (oldest first, $3 at most), with the sensor's kind
-- for rules that watch a kind of sensor.
SELECT (extract(epoch FROM t.time) * 1000)::float8 AS ms, t.device_id, t.metric, t.value, d.kind
  FROM telemetry t
  LEFT JOIN devices d ON d.device_type = 'sensor' AND d.device_id = t.device_id
 WHERE t.time >= $1::timestamptz AND t.time <= $4::timestamptz AND t.metric = ANY($2::text[])
 ORDER BY t.time
 LIMIT $3;
