-- The wards and roads that have cameras (the feed's filter choices).
SELECT DISTINCT d.ward_code, w.name AS ward_name, d.road
  FROM devices d
  LEFT JOIN wards w ON w.code = d.ward_code
 WHERE d.device_type = 'camera';
