-- Acknowledges camera event $1 (by $3, note $4, at $2) if it exists and nobody did before.
-- Returns the acknowledgement when it was made; no row: unknown event or already acknowledged.
INSERT INTO camera_event_acks (event_id, acked_at, acked_by, note)
SELECT $1::text, $2::timestamptz, $3::text, $4::text
 WHERE EXISTS (SELECT 1 FROM camera_events WHERE event_id = $1::text)
ON CONFLICT (event_id) DO NOTHING
RETURNING event_id, acked_at, acked_by, note;
