-- Raises an alarm unless one is already open for this rule and subject, or one for the same rule,
-- subject and start time exists (cleared or not): a restart or a re-read that sees the condition
-- again must not raise twice. Returns the new alarm, if any, and writes its first audit row in the
-- same statement.
WITH raised AS (
  INSERT INTO alarms (rule_id, subject, severity, state, raised_at, value, detail)
  SELECT $1, $2, $3, 'active', $4::timestamptz, $5, $6::jsonb
   WHERE NOT EXISTS (SELECT 1 FROM alarms WHERE rule_id = $1 AND subject = $2 AND raised_at = $4::timestamptz)
  ON CONFLICT (rule_id, subject) WHERE state <> 'cleared' DO NOTHING
  RETURNING alarm_id, raised_at
), audit AS (
  INSERT INTO alarm_transitions (alarm_id, at, from_state, to_state, actor, note)
  SELECT alarm_id, raised_at, NULL, 'active', NULL, NULL FROM raised
)
SELECT alarm_id FROM raised;
