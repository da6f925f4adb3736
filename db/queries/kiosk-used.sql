UPDATE kiosk_tokens SET last_used_at = now(), last_used_ip = $2 WHERE kiosk_id = $1
