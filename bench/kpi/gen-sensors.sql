-- $1 sensors (60 % air, 20 % water level, 20 % noise), each with one headline metric, registered
-- and placed at a random point of the city's map bounds and in a random ward; last seen at $2 (now).
WITH s AS (
  SELECT i, CASE WHEN i <= $1::int * 0.6 THEN 'air' WHEN i <= $1::int * 0.8 THEN 'water' ELSE 'noise' END AS kind, random() AS r
    FROM generate_series(1, $1::int) i
), named AS (
  SELECT *, kind || '-' || lpad(i::text, 4, '0') AS device_id,
         CASE kind WHEN 'air' THEN 'pm25' WHEN 'water' THEN 'water_level_cm' ELSE 'noise_db' END AS metric,
         CASE kind WHEN 'air' THEN 25 + 30 * r WHEN 'water' THEN 80 + 200 * r ELSE 50 + 20 * r END AS base
    FROM s
), sensors AS (
  INSERT INTO bench_sensors (device_id, kind, metric, base, phase)
  SELECT device_id, kind, metric, base, 2 * pi() * random() FROM named
  RETURNING device_id, kind
), w AS (
  SELECT array_agg(code ORDER BY code) AS codes FROM wards
)
INSERT INTO devices (device_type, device_id, kind, name, lon, lat, ward_code, placed, first_seen, last_seen)
SELECT 'sensor', s.device_id, s.kind, 'Trạm ' || s.device_id, 106.12 + random(), 20.6 + 0.64 * random(),
       w.codes[1 + floor(random() * cardinality(w.codes))::int], true, $2::timestamptz - INTERVAL '30 days', $2::timestamptz
  FROM sensors s CROSS JOIN w;
