-- Every registered device's last message, for offline rules.
SELECT device_type, device_id, (extract(epoch FROM last_seen) * 1000)::float8 AS last_seen_ms FROM devices;
