-- The acknowledgement of camera event $1, if any.
SELECT event_id, acked_at, acked_by, note FROM camera_event_acks WHERE event_id = $1;
