SELECT notification_id, idempotency_key, channel, address, urgent, subject, body, template, status, attempts,
       next_attempt_at, lease_until, possibly_repeated
FROM notifications WHERE notification_id = $1
