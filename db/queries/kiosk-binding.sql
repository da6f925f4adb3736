SELECT name, scenes, rotate_seconds FROM kiosk_tokens WHERE kiosk_id = $1
