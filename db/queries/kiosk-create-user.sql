-- The kiosk's principal: role kiosk, and a password hash that is no PHC string (never verifies).
INSERT INTO users (username, display_name, role, password_hash)
VALUES ($1, $2, 'kiosk', '!kiosk')
RETURNING user_id
