INSERT INTO alarm_checkpoints (stream, at) VALUES ($1, $2::timestamptz)
ON CONFLICT (stream) DO UPDATE SET at = GREATEST(alarm_checkpoints.at, EXCLUDED.at), updated_at = now();
