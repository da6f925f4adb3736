-- Core schema: reference data, devices, the event/measurement tables and the dead-letter table.
-- Time-series tables carry their natural key as the primary key (time included, as hypertables
-- require), so redelivered messages are absorbed by ON CONFLICT DO NOTHING.

CREATE TABLE wards (
  code        text PRIMARY KEY,            -- GSO commune-level code
  name        text NOT NULL,
  full_name   text NOT NULL,
  name_en     text NOT NULL,
  type        text NOT NULL                -- Phường | Xã | Đặc khu
);

CREATE TABLE agencies (
  agency_id   text PRIMARY KEY,
  name_vi     text NOT NULL,
  name_en     text NOT NULL,
  level       text NOT NULL CHECK (level IN ('province', 'commune', 'unknown')),
  ward_code   text,
  -- false: first seen in an event, not (yet) in the city's agency list
  registered  boolean NOT NULL DEFAULT true
);

CREATE TABLE devices (
  device_type text NOT NULL CHECK (device_type IN ('sensor', 'camera')),
  device_id   text NOT NULL,
  kind        text,                        -- sensors: air | water | noise | weather | traffic | …
  name        text,
  lon         double precision,
  lat         double precision,
  ward_code   text,                        -- derived from lon/lat against the city's wards
  ward_hint   text,                        -- the `ward` a device claims in its meta; informational
  road        text,
  stream_url  text,
  -- false: auto-registered because data arrived before its retained meta ("unplaced")
  placed      boolean NOT NULL DEFAULT false,
  extra       jsonb,
  first_seen  timestamptz NOT NULL DEFAULT now(),
  last_seen   timestamptz,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_type, device_id)
);
CREATE INDEX devices_ward_idx ON devices (ward_code);

CREATE TABLE telemetry (
  time        timestamptz NOT NULL,
  device_id   text NOT NULL,
  metric      text NOT NULL,
  value       double precision NOT NULL,
  PRIMARY KEY (device_id, metric, time)
);
CREATE INDEX telemetry_time_idx ON telemetry (time DESC);

CREATE TABLE camera_status (
  time          timestamptz NOT NULL,
  camera_id     text NOT NULL,
  online        boolean NOT NULL,
  fps           real,
  bitrate_kbps  real,
  PRIMARY KEY (camera_id, time)
);
CREATE INDEX camera_status_time_idx ON camera_status (time DESC);

CREATE TABLE camera_events (
  time          timestamptz NOT NULL,
  event_id      text NOT NULL,
  camera_id     text NOT NULL,
  type          text NOT NULL,
  severity      smallint NOT NULL CHECK (severity BETWEEN 1 AND 3),
  plate         text,
  vehicle_count integer,
  snapshot      text,                      -- URL or data: URI, at most 256 KiB
  extra         jsonb,
  PRIMARY KEY (event_id, time)
);
CREATE INDEX camera_events_time_idx ON camera_events (time DESC);
CREATE INDEX camera_events_camera_idx ON camera_events (camera_id, time DESC);

CREATE TABLE case_events (
  time            timestamptz NOT NULL,
  case_id         text NOT NULL,
  agency_id       text NOT NULL,
  event           text NOT NULL,
  procedure_code  text NOT NULL,
  procedure_name  text,
  field           text,
  level           text NOT NULL,           -- province | commune | district (district: before 2025-07-01 only)
  channel         text NOT NULL,           -- counter | online | postal
  due_at          timestamptz NOT NULL,
  online_payment  boolean,
  digitized       boolean,
  rating          smallint,
  extra           jsonb,
  PRIMARY KEY (case_id, event, time)
);
CREATE INDEX case_events_time_idx ON case_events (time DESC);
CREATE INDEX case_events_agency_idx ON case_events (agency_id, time DESC);

CREATE TABLE document_events (
  time        timestamptz NOT NULL,
  doc_id      text NOT NULL,
  agency_id   text NOT NULL,
  direction   text NOT NULL,               -- incoming | outgoing
  event       text NOT NULL,               -- registered | assigned | processed | issued
  due_at      timestamptz,
  signed      boolean,
  e_exchange  boolean,
  urgency     text,
  extra       jsonb,
  PRIMARY KEY (doc_id, event, time)
);
CREATE INDEX document_events_time_idx ON document_events (time DESC);
CREATE INDEX document_events_agency_idx ON document_events (agency_id, time DESC);

CREATE TABLE indicator_meta (
  source      text NOT NULL,
  key         text NOT NULL,
  label_vi    text NOT NULL,
  label_en    text NOT NULL,
  unit        text NOT NULL,
  direction   text NOT NULL,
  target      double precision,
  warn        double precision,
  kind        text NOT NULL,
  extra       jsonb,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, key)
);

CREATE TABLE indicator_values (
  time        timestamptz NOT NULL,
  source      text NOT NULL,
  key         text NOT NULL,
  dims_key    text NOT NULL DEFAULT '',    -- canonical JSON of dims, part of the natural key
  value       double precision NOT NULL,
  dims        jsonb,
  PRIMARY KEY (source, key, dims_key, time)
);
CREATE INDEX indicator_values_time_idx ON indicator_values (time DESC);

-- The dead-letter table: every message the ingest could not accept, with the reason.
CREATE TABLE ingest_rejects (
  id            bigserial PRIMARY KEY,
  received_at   timestamptz NOT NULL DEFAULT now(),
  topic         text NOT NULL,
  reason        text NOT NULL,
  detail        text NOT NULL,
  payload       text NOT NULL,             -- UTF-8 text, or base64 when not UTF-8; cut at 64 KiB
  payload_bytes integer NOT NULL
);
CREATE INDEX ingest_rejects_received_idx ON ingest_rejects (received_at DESC);
CREATE INDEX ingest_rejects_reason_idx ON ingest_rejects (reason, received_at DESC);
