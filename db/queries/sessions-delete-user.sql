-- Every session of a user but the one kept ($2, may be null).
DELETE FROM user_sessions WHERE user_id = $1 AND session_id IS DISTINCT FROM $2
