SELECT count(*)::int AS n FROM users
