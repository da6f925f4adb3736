-- Deliveries due now, oldest first.
SELECT delivery_id, transition_id, rule_id, url, payload, attempts
  FROM alarm_deliveries
 WHERE delivered_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= $1::timestamptz
 ORDER BY next_attempt_at, delivery_id
 LIMIT $2;
