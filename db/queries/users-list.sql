-- People's accounts; kiosks' principals are listed with their tokens (kiosks-list.sql).
SELECT u.user_id, u.username, u.display_name, u.role, u.disabled, u.locked_until, u.created_at, u.scope_agencies, u.scope_wards,
       (SELECT count(*)::int FROM user_sessions s WHERE s.user_id = u.user_id AND s.expires_at > now()) AS sessions
FROM users u WHERE u.role <> 'kiosk' ORDER BY u.username
