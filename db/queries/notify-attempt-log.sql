INSERT INTO notification_attempts (notification_id, attempt, at, outcome, answer, possibly_repeated)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT DO NOTHING
