DELETE FROM user_sessions WHERE session_id = $1
