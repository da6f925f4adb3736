-- Moves an open alarm: $2 'acknowledged' (by $4 with note $5) or 'cleared' (by $4, NULL = the
-- condition ended), at $3. Only from an allowed state: acknowledging needs 'active', clearing needs
-- an open alarm. Returns the alarm if it moved; the audit row is written in the same statement.
WITH moved AS (
  UPDATE alarms a
     SET state = $2::text,
         acked_at = CASE WHEN $2::text = 'acknowledged' THEN $3::timestamptz ELSE a.acked_at END,
         acked_by = CASE WHEN $2::text = 'acknowledged' THEN $4::text ELSE a.acked_by END,
         ack_note = CASE WHEN $2::text = 'acknowledged' THEN $5::text ELSE a.ack_note END,
         cleared_at = CASE WHEN $2::text = 'cleared' THEN $3::timestamptz ELSE a.cleared_at END,
         cleared_by = CASE WHEN $2::text = 'cleared' THEN $4::text ELSE a.cleared_by END
    FROM (SELECT alarm_id, state AS old_state FROM alarms WHERE alarm_id = $1 FOR UPDATE) o
   WHERE a.alarm_id = o.alarm_id
     AND (($2::text = 'acknowledged' AND o.old_state = 'active') OR ($2::text = 'cleared' AND o.old_state <> 'cleared'))
  RETURNING a.alarm_id, o.old_state
), audit AS (
  INSERT INTO alarm_transitions (alarm_id, at, from_state, to_state, actor, note)
  SELECT alarm_id, $3::timestamptz, old_state, $2::text, $4::text, $5::text FROM moved
)
SELECT alarm_id, old_state FROM moved;
