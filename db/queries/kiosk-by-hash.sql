-- The kiosk a token names, whatever its state (the caller tells revoked and expired apart).
SELECT k.kiosk_id, k.name, u.username, k.expires_at, k.revoked_at, (k.expires_at IS NOT NULL AND k.expires_at <= now()) AS expired
FROM kiosk_tokens k JOIN users u ON u.user_id = k.kiosk_id
WHERE k.token_hash = $1
