-- Camera events handled by traffic officers, and plate search.
--
-- An acknowledgement is written once and never changed: the table is its own append-only audit
-- trail (who, when, with what note), refused UPDATE and DELETE at the database level, as the
-- alarms' transitions are. One acknowledgement per event id: a second one is refused (the API
-- answers 409 naming who was first), so two officers never both believe they took the event.

CREATE TABLE camera_event_acks (
  event_id     text PRIMARY KEY,              -- camera_events.event_id (the device's id of the event)
  acked_at     timestamptz NOT NULL,
  acked_by     text NOT NULL,                 -- until sign-in (issue 8): the name the officer typed
  note         text NOT NULL DEFAULT '',
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
-- "What was handled lately?" — the live channel of acknowledgements reads the newest.
CREATE INDEX camera_event_acks_at_idx ON camera_event_acks (acked_at DESC);

CREATE FUNCTION camera_event_acks_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'camera_event_acks is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER camera_event_acks_append_only BEFORE UPDATE OR DELETE ON camera_event_acks
  FOR EACH ROW EXECUTE FUNCTION camera_event_acks_append_only();

-- A plate as officers type it, whatever the punctuation: '15A-123.45', '15a12345' and '15A 123 45'
-- all become '15A12345'. Searching matches this key anywhere (people remember the last digits).
CREATE FUNCTION plate_key(plate text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
  $$ SELECT regexp_replace(upper(plate), '[^0-9A-Z]', '', 'g') $$;

-- A substring search is served by a trigram index. pg_trgm ships with PostgreSQL (contrib) and with
-- the embedded PGlite (registered in db/pglite-adapter.ts); where it is missing or may not be
-- created, the search still answers, by reading the events of the period asked.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'pg_trgm not created (insufficient privilege): plate search runs without its index';
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX camera_events_plate_trgm_idx ON camera_events USING gin (plate_key(plate) gin_trgm_ops) WHERE plate IS NOT NULL';
  END IF;
END $$;

-- The feed filters by type (and severity) over a time range, newest first.
CREATE INDEX camera_events_type_time_idx ON camera_events (type, time DESC);

-- Read model: acknowledgements for BI tools and audits.
CREATE VIEW v_camera_event_acks AS
  SELECT event_id, acked_at, acked_by, note FROM camera_event_acks;
