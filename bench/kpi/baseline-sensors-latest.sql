-- Baseline for live-sensors.sql (every sensor's latest value per metric in the last 6 hours): one
-- DISTINCT ON over the window's raw readings instead of a lateral probe per sensor.
SELECT d.device_id, d.name, d.kind, d.lon, d.lat, d.ward_code, l.metric, l.value, l.time
  FROM devices d
  LEFT JOIN (
    SELECT DISTINCT ON (device_id, metric) device_id, metric, value, time
      FROM telemetry WHERE time >= $1::timestamptz
     ORDER BY device_id, metric, time DESC
  ) l ON l.device_id = d.device_id
 WHERE d.device_type = 'sensor';
