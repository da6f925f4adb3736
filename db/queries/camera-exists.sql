-- Whether a camera is registered (its meta or an operator's edit made it a device). $1: camera id
SELECT 1 FROM devices WHERE device_id = $1 AND device_type = 'camera';
