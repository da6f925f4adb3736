-- A failed attempt: try again at $3, or give up ($4 = true) after too many attempts.
UPDATE alarm_deliveries
   SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3::timestamptz,
       gave_up_at = CASE WHEN $4::bool THEN now() ELSE NULL END
 WHERE delivery_id = $1;
