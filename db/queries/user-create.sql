INSERT INTO users (username, display_name, role, password_hash, scope_agencies, scope_wards)
VALUES ($1, $2, $3, $4, coalesce($5::text[], '{}'), coalesce($6::text[], '{}'))
RETURNING user_id
