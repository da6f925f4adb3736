-- Takes the message for one send: from queued/held, or from `sending` whose sender's lease ran
-- out (it died mid-send: this send may repeat that one). Row-locked, so of two workers holding a
-- job for one row only one gets it back.
WITH old AS (
  SELECT notification_id, status FROM notifications WHERE notification_id = $1 FOR UPDATE
)
UPDATE notifications n
SET status = 'sending', attempts = n.attempts + 1, lease_until = $2,
    possibly_repeated = n.possibly_repeated OR old.status = 'sending'
FROM old
WHERE n.notification_id = old.notification_id
  AND (old.status IN ('queued', 'held') OR (old.status = 'sending' AND n.lease_until < $3))
RETURNING n.attempts, (old.status = 'sending') AS repeat
