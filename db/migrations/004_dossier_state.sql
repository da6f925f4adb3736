-- Dossiers and documents as records: their current state (one row each, kept by the ingest in the
-- same transaction as their events) and their milestones (what the daily KPI rollups count, at
-- most one row per record and kind). The rules of the fold are in ingest/case-state.ts and
-- ingest/document-state.ts; v_cases and v_documents below derive the same state from the raw
-- events in plain SQL, independently, for BI tools and for the KPI tests.

CREATE TABLE cases (
  case_id             text PRIMARY KEY,
  agency_id           text NOT NULL,
  procedure_code      text NOT NULL,
  procedure_name      text,
  field               text,
  level               text NOT NULL,
  channel             text NOT NULL,
  due_at              timestamptz NOT NULL,
  received_at         timestamptz NOT NULL,  -- first `received` event, else the first event seen
  received_reported   boolean NOT NULL,
  resolved_at         timestamptz,           -- first `resolved`
  supplement_at       timestamptz,           -- first `supplement_requested`
  supplement_requests integer NOT NULL DEFAULT 0,
  returned_at         timestamptz,
  withdrawn_at        timestamptz,
  status              text NOT NULL,         -- received | in_progress | supplement_requested | resolved | returned | withdrawn
  status_at           timestamptz NOT NULL,
  status_rank         smallint NOT NULL,
  online_payment      boolean NOT NULL,
  digitized           boolean NOT NULL,
  rating              smallint,
  rating_at           timestamptz,
  field_at            timestamptz,
  name_at             timestamptz,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
-- Drill-down lists (by agency, newest first) and "overdue now" (open dossiers by deadline).
CREATE INDEX cases_agency_received_idx ON cases (agency_id, received_at DESC);
CREATE INDEX cases_received_idx ON cases (received_at DESC);
CREATE INDEX cases_resolved_idx ON cases (resolved_at DESC) WHERE resolved_at IS NOT NULL;
CREATE INDEX cases_open_due_idx ON cases (due_at, agency_id)
  WHERE status IN ('received', 'in_progress', 'supplement_requested');

CREATE TABLE case_milestones (
  time            timestamptz NOT NULL,
  case_id         text NOT NULL,
  milestone       text NOT NULL,             -- received | resolved | supplement_requested | returned | withdrawn
  agency_id       text NOT NULL,
  level           text NOT NULL,
  channel         text NOT NULL,
  field           text NOT NULL,             -- '' when unknown (a rollup key cannot be NULL)
  procedure_code  text NOT NULL,
  timeliness      text,                      -- resolved: early | on_time | late
  online_payment  boolean NOT NULL,
  digitized       boolean NOT NULL,
  rating          smallint
);
CREATE INDEX case_milestones_case_idx ON case_milestones (case_id, milestone);
CREATE INDEX case_milestones_time_idx ON case_milestones (time DESC);

CREATE TABLE documents (
  doc_id              text PRIMARY KEY,
  agency_id           text NOT NULL,
  direction           text NOT NULL,
  registered_at       timestamptz NOT NULL,
  registered_reported boolean NOT NULL,
  processed_at        timestamptz,           -- incoming: first `processed`; outgoing: first `issued`
  due_at              timestamptz,
  due_set_at          timestamptz,
  signed              boolean NOT NULL,
  e_exchange          boolean NOT NULL,
  urgency             text,
  urgency_at          timestamptz,
  status              text NOT NULL,
  status_at           timestamptz NOT NULL,
  status_rank         smallint NOT NULL,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_agency_registered_idx ON documents (agency_id, registered_at DESC);
CREATE INDEX documents_open_due_idx ON documents (due_at, agency_id)
  WHERE processed_at IS NULL AND due_at IS NOT NULL;

CREATE TABLE document_milestones (
  time                timestamptz NOT NULL,
  doc_id              text NOT NULL,
  milestone           text NOT NULL,         -- registered | processed
  agency_id           text NOT NULL,
  direction           text NOT NULL,
  urgency             text NOT NULL,
  timeliness          text,                  -- processed: on_time | late | no_deadline
  processing_seconds  double precision,
  signed              boolean NOT NULL,
  e_exchange          boolean NOT NULL
);
CREATE INDEX document_milestones_doc_idx ON document_milestones (doc_id, milestone);
CREATE INDEX document_milestones_time_idx ON document_milestones (time DESC);

-- The read model, extended (new columns at the end). resolved_at is now the FIRST resolution
-- (a later `resolved` re-issues a result; the citizen had it at the first), as the KPIs count it.
CREATE OR REPLACE VIEW v_cases AS
  WITH latest AS (
    SELECT DISTINCT ON (case_id)
           case_id, agency_id, procedure_code, channel, due_at, event, level
      FROM case_events
     ORDER BY case_id, time DESC,
              -- same instant: the later stage of the lifecycle wins
              array_position(ARRAY['received','assigned','supplement_requested','returned','withdrawn','resolved'], event) DESC
  ), span AS (
    SELECT case_id,
           min(time) FILTER (WHERE event = 'received') AS received_at,
           min(time) AS first_seen_at,
           min(time) FILTER (WHERE event = 'resolved') AS resolved_at,
           (array_agg(field ORDER BY time DESC) FILTER (WHERE field IS NOT NULL))[1] AS field,
           coalesce(bool_or(online_payment), false) AS online_payment,
           coalesce(bool_or(digitized), false) AS digitized,
           (array_agg(rating ORDER BY time DESC) FILTER (WHERE rating IS NOT NULL))[1] AS rating,
           min(time) FILTER (WHERE event = 'supplement_requested') AS supplement_requested_at,
           count(*) FILTER (WHERE event = 'supplement_requested') AS supplement_requests,
           min(time) FILTER (WHERE event = 'returned') AS returned_at,
           min(time) FILTER (WHERE event = 'withdrawn') AS withdrawn_at
      FROM case_events
     GROUP BY case_id
  )
  SELECT l.case_id, l.agency_id, l.procedure_code, l.channel,
         coalesce(s.received_at, s.first_seen_at) AS received_at,
         l.due_at, s.resolved_at,
         CASE l.event WHEN 'assigned' THEN 'in_progress' ELSE l.event END AS status,
         l.level, s.field, s.online_payment, s.digitized, s.rating,
         s.supplement_requested_at, s.supplement_requests, s.returned_at, s.withdrawn_at
    FROM latest l JOIN span s USING (case_id);

CREATE OR REPLACE VIEW v_documents AS
  SELECT doc_id,
         (array_agg(agency_id ORDER BY time DESC))[1] AS agency_id,
         (array_agg(direction ORDER BY time DESC))[1] AS direction,
         coalesce(min(time) FILTER (WHERE event = 'registered'), min(time)) AS registered_at,
         (array_agg(due_at ORDER BY time DESC) FILTER (WHERE due_at IS NOT NULL))[1] AS due_at,
         min(time) FILTER (WHERE event IN ('processed', 'issued')) AS processed_at,
         coalesce(bool_or(signed), false) AS signed,
         coalesce(bool_or(e_exchange), false) AS e_exchange,
         (array_agg(urgency ORDER BY time DESC) FILTER (WHERE urgency IS NOT NULL))[1] AS urgency
    FROM document_events
   GROUP BY doc_id;
