-- A camera's newest status messages, newest first. $1: camera id; $2: limit
SELECT online, time FROM camera_status WHERE camera_id = $1 ORDER BY time DESC LIMIT $2;
