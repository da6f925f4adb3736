-- Queues a delivery for every new transition of an alarm whose rule has a webhook ($1 rule ids,
-- $2 their URLs), due at $3 (the deliverer's clock). New: after the newest transition already queued, and recorded in the last hour
-- (a first start does not post the whole history). Idempotent: one row per transition.
INSERT INTO alarm_deliveries (transition_id, rule_id, url, next_attempt_at, payload)
SELECT t.transition_id, a.rule_id, w.url, $3::timestamptz,
       jsonb_build_object('transitionId', t.transition_id, 'alarmId', a.alarm_id, 'ruleId', a.rule_id, 'subject', a.subject,
                          'severity', a.severity, 'from', t.from_state, 'to', t.to_state, 'at', t.at, 'actor', t.actor,
                          'note', t.note, 'raisedAt', a.raised_at, 'value', a.value, 'detail', a.detail)
  FROM alarm_transitions t
  JOIN alarms a USING (alarm_id)
  JOIN unnest($1::text[], $2::text[]) AS w(rule_id, url) ON w.rule_id = a.rule_id
 WHERE t.transition_id > (SELECT coalesce(max(transition_id), 0) FROM alarm_deliveries)
   AND t.recorded_at > now() - interval '1 hour'
 ORDER BY t.transition_id
ON CONFLICT (transition_id) DO NOTHING;
