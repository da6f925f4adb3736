-- Every sensor with its latest value per metric within the last 6 hours. $1: window start; $2: device ids or NULL for all
SELECT d.device_id, d.name, d.kind, d.lon, d.lat, d.ward_code, l.metric, l.value, l.time
  FROM devices d
  LEFT JOIN LATERAL (
    SELECT DISTINCT ON (metric) metric, value, time
      FROM telemetry t
     WHERE t.device_id = d.device_id AND t.time >= $1
     ORDER BY metric, time DESC
  ) l ON true
 WHERE d.device_type = 'sensor' AND ($2::text[] IS NULL OR d.device_id = ANY($2::text[]));
