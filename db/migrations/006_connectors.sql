-- The HTTP pull connectors' progress (docs/connectors.md): one row per configured connector.
-- `cursor` is the source's own opaque position, advanced only after a page's records committed.
CREATE TABLE connector_state (
  name              text PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('cases', 'documents')),
  cursor            text,
  last_success_at   timestamptz,
  last_error        text,
  last_error_at     timestamptz,
  pages             bigint NOT NULL DEFAULT 0,
  records_accepted  bigint NOT NULL DEFAULT 0,
  records_rejected  bigint NOT NULL DEFAULT 0,
  events_new        bigint NOT NULL DEFAULT 0,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Connectors and imports look up their own earlier rejects by topic (connector/<name>,
-- import/<file>#row<N>) so a record read twice is dead-lettered once. Partial: the MQTT path's
-- rejects (city/…) are the bulk of the table and never looked up this way.
CREATE INDEX ingest_rejects_source_topic_idx ON ingest_rejects (topic) WHERE topic NOT LIKE 'city/%';
