-- Drops one camera's stored hours [$2, $3) before they are computed again (late status rows).
DELETE FROM camera_uptime_1h WHERE camera_id = $1 AND bucket >= $2::timestamptz AND bucket < $3::timestamptz;
