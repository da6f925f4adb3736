-- The unacknowledged alarms about camera event $1 (subject `event:{id}`; one per camera-event rule
-- that matched it), locked until the transaction ends, oldest first. An officer's acknowledgement
-- of the event acknowledges them in the same transaction (db/incident-acks.ts): taking the alarm
-- rows first, as an operator's acknowledgement of the alarm does (alarm-transition.sql), keeps the
-- two from waiting on each other. `state <> 'cleared'` lets the planner read the small partial
-- index of open alarms (alarms_open_idx) instead of every alarm ever raised.
SELECT alarm_id
  FROM alarms
 WHERE subject = 'event:' || $1::text AND state <> 'cleared' AND state = 'active'
 ORDER BY alarm_id
   FOR UPDATE;
