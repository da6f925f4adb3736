-- A connector's row on its first start; the cursor it starts from is the configured initial one.
-- The row belongs to the connector's name: a changed kind is recorded, the cursor kept.
INSERT INTO connector_state (name, kind, cursor) VALUES ($1, $2, $3)
ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind
RETURNING cursor, (extract(epoch FROM last_success_at) * 1000)::float8 AS last_success_ms, last_error,
          pages, records_accepted, records_rejected, events_new;
