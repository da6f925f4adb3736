SELECT k.kiosk_id, k.name, k.scenes, k.rotate_seconds, k.created_by, k.created_at, k.expires_at,
       k.last_used_at, k.last_used_ip, k.revoked_at, k.revoked_by,
       (SELECT count(*)::int FROM user_sessions s WHERE s.user_id = k.kiosk_id AND s.expires_at > now()) AS sessions
FROM kiosk_tokens k
ORDER BY k.revoked_at IS NOT NULL, k.created_at DESC, k.kiosk_id DESC
LIMIT 500
