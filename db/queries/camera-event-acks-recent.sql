-- The newest acknowledgements (the events:acks channel). $1: limit
SELECT event_id, acked_by, acked_at FROM camera_event_acks ORDER BY acked_at DESC, event_id LIMIT $1;
