INSERT INTO users (username, display_name, role, password_hash)
VALUES ($1, $2, $3, $4)
RETURNING user_id
