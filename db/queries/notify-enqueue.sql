-- One row per idempotency key: a second enqueue of the same message is a no-op (no row back).
INSERT INTO notifications (idempotency_key, recipient, channel, address, cause, stage, urgent, subject, body, template, next_attempt_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
ON CONFLICT (idempotency_key) DO NOTHING
RETURNING notification_id
