-- Every reading of the watched metrics ($2) at one instant ($1): read when a whole page shares it
-- (a fleet stamping the same second), which a time checkpoint cannot page through. Not limited:
-- one instant holds at most one reading per sensor and metric.
SELECT (extract(epoch FROM t.time) * 1000)::float8 AS ms, t.device_id, t.metric, t.value, d.kind
  FROM telemetry t
  LEFT JOIN devices d ON d.device_type = 'sensor' AND d.device_id = t.device_id
 WHERE t.time = $1::timestamptz AND t.metric = ANY($2::text[]);
