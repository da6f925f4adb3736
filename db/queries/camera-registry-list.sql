-- The camera registry: fields in force, the camera's own meta and the operator's edits, by name.
SELECT d.device_id AS camera_id,
       v.name, v.road, v.ward_code, w.name AS ward_name, v.lon, v.lat, v.stream_url,
       d.name AS meta_name, d.road AS meta_road, d.ward_code AS meta_ward_code, d.lon AS meta_lon, d.lat AS meta_lat, d.stream_url AS meta_stream_url,
       r.name AS edit_name, r.road AS edit_road, r.ward_code AS edit_ward_code, r.lon AS edit_lon, r.lat AS edit_lat, r.stream_url AS edit_stream_url,
       r.edited_by, r.edited_at, d.last_seen
  FROM devices d
  JOIN v_cameras v ON v.camera_id = d.device_id
  LEFT JOIN camera_registry r ON r.camera_id = d.device_id
  LEFT JOIN wards w ON w.code = v.ward_code
 WHERE d.device_type = 'camera'
 ORDER BY coalesce(v.name, d.device_id), d.device_id;
