-- A send ended for good: delivered, failed (with the gateway's answer) or not_sent.
UPDATE notifications
SET status = $2, last_answer = $3, provider_id = $4, finished_at = $5, lease_until = NULL
WHERE notification_id = $1 AND status IN ('sending', 'queued', 'held')
