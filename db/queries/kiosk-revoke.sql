-- Revokes a kiosk's token and disables its principal, so a session another console node still
-- holds in its one-second cache is refused at the next lookup. Returns nothing when already revoked.
WITH k AS (
  UPDATE kiosk_tokens SET revoked_at = now(), revoked_by = $2
  WHERE kiosk_id = $1 AND revoked_at IS NULL
  RETURNING kiosk_id, name
), u AS (
  UPDATE users SET disabled = true WHERE user_id IN (SELECT kiosk_id FROM k) RETURNING user_id
)
SELECT k.kiosk_id, k.name FROM k
