-- A sensor's newest readings, newest first. $1: sensor id; $2: window start; $3: limit
SELECT metric, value, time FROM telemetry WHERE device_id = $1 AND time >= $2 ORDER BY time DESC LIMIT $3;
