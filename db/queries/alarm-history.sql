-- An alarm's transitions, oldest first: the audit trail.
SELECT transition_id, at, from_state, to_state, actor, note FROM alarm_transitions WHERE alarm_id = $1 ORDER BY transition_id;
