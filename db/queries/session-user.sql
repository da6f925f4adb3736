-- The user behind a live session; a disabled or locked account has none.
SELECT u.user_id, u.username, u.display_name, u.role, u.scope_agencies, u.scope_wards
FROM user_sessions s JOIN users u USING (user_id)
WHERE s.session_id = $1 AND s.expires_at > now() AND NOT u.disabled AND (u.locked_until IS NULL OR u.locked_until <= now())
