-- Newest headline reading per sensor in the online window, newest first. $1: window start, $2: limit
SELECT r.device_id, coalesce(d.name, r.device_id) AS name, d.kind, w.name AS ward_name,
       r.metric, r.value, r.time
  FROM (
    SELECT DISTINCT ON (device_id) device_id, metric, value, time
      FROM telemetry
     WHERE time >= $1 AND metric IN ('pm25', 'water_level_cm', 'noise_db')
     ORDER BY device_id, time DESC
  ) r
  LEFT JOIN devices d ON d.device_type = 'sensor' AND d.device_id = r.device_id
  LEFT JOIN wards w ON w.code = d.ward_code
 ORDER BY r.time DESC, r.device_id
 LIMIT $2;
