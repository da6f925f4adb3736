-- A camera added by an operator before (or without) any message from it: registered, unplaced
-- until it has a location. A camera already known is left as it is. $1: camera id
INSERT INTO devices (device_type, device_id, placed) VALUES ('camera', $1, false)
ON CONFLICT (device_type, device_id) DO NOTHING;
