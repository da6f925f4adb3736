-- The delivery log, newest first (the admin page will search it).
SELECT notification_id, recipient, channel, cause, stage, urgent, status, attempts, possibly_repeated, last_answer, created_at, finished_at
FROM notifications
ORDER BY notification_id DESC
LIMIT $1
