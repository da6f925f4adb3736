-- Held messages (quiet hours, rate limit) whose wait ended by the worker's clock.
SELECT notification_id FROM notifications WHERE status = 'held' AND next_attempt_at <= $1 ORDER BY notification_id LIMIT 500
