-- Back in the queue until $4: a retry after a passing failure (queued) or a wait (held: quiet hours, rate limit).
UPDATE notifications
SET status = $2, last_answer = COALESCE($3, last_answer), next_attempt_at = $4, lease_until = NULL
WHERE notification_id = $1 AND status IN ('sending', 'queued', 'held')
