SELECT user_id, username, display_name, role, password_hash, failed_attempts, locked_until, disabled, scope_agencies, scope_wards
FROM users WHERE username = $1
