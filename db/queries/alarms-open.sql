-- Open alarms (active or acknowledged), the most severe and newest first.
SELECT alarm_id, rule_id, subject, severity, state, raised_at, value, acked_at, acked_by, ack_note, detail
  FROM alarms
 WHERE state <> 'cleared'
 ORDER BY severity DESC, raised_at DESC
 LIMIT $1;
