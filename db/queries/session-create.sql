INSERT INTO user_sessions (session_id, user_id, expires_at, ip, user_agent)
VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5)
