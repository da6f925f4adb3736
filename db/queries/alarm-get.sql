-- One alarm's subject and acknowledgement (who was first, when, with what note).
SELECT alarm_id, subject, state, acked_at, acked_by, ack_note FROM alarms WHERE alarm_id = $1;
