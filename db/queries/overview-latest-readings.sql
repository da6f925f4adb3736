-- Newest headline reading per sensor in the online window, newest first. $1: window start, $2: limit
-- Starts from the sensors that reported last (devices.last_seen, kept per batch) and reads each one's
-- newest headline value through the primary key (device_id, metric, time): a few hundred index
-- probes, where a DISTINCT ON over the window's telemetry sorted millions of rows at 10 000 msg/s.
-- The margin (4 × the limit) covers sensors whose latest batch carried no headline metric.
SELECT d.device_id, coalesce(d.name, d.device_id) AS name, d.kind, w.name AS ward_name,
       r.metric, r.value, r.time
  FROM (
    SELECT device_id, name, kind, ward_code
      FROM devices
     WHERE device_type = 'sensor' AND last_seen >= $1
     ORDER BY last_seen DESC
     LIMIT $2 * 4
  ) d
  CROSS JOIN LATERAL (
    SELECT t.metric, t.value, t.time
      FROM unnest(ARRAY['pm25', 'water_level_cm', 'noise_db']) AS m(metric)
      CROSS JOIN LATERAL (
        SELECT metric, value, time
          FROM telemetry
         WHERE device_id = d.device_id AND metric = m.metric AND time >= $1
         ORDER BY time DESC
         LIMIT 1
      ) t
     ORDER BY t.time DESC
     LIMIT 1
  ) r
  LEFT JOIN wards w ON w.code = d.ward_code
 ORDER BY r.time DESC, d.device_id
 LIMIT $2;
