-- An operator's edit of a camera (whole record: a NULL field follows the camera's meta).
-- $1 id, $2 name, $3 road, $4 ward_code, $5 lon, $6 lat, $7 stream_url, $8 edited_by, $9 edited_at
INSERT INTO camera_registry (camera_id, name, road, ward_code, lon, lat, stream_url, edited_by, edited_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (camera_id) DO UPDATE SET
  name = EXCLUDED.name, road = EXCLUDED.road, ward_code = EXCLUDED.ward_code, lon = EXCLUDED.lon, lat = EXCLUDED.lat,
  stream_url = EXCLUDED.stream_url, edited_by = EXCLUDED.edited_by, edited_at = EXCLUDED.edited_at;
