INSERT INTO kiosk_tokens (kiosk_id, name, scenes, rotate_seconds, token_hash, created_by, expires_at)
VALUES ($1, $2, $3::text[], $4, $5, $6, $7)
