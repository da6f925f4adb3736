-- The SQL read model: stable views for BI tools and for anyone checking the numbers.
-- Extend them (add columns at the end); never rename or drop a column.

CREATE VIEW v_telemetry AS
  SELECT time, device_id, metric, value FROM telemetry;

CREATE VIEW v_camera_events AS
  SELECT time, event_id, camera_id, type, severity, plate FROM camera_events;

-- One row per dossier. status is its latest lifecycle state:
--   received | in_progress (assigned) | supplement_requested | resolved | returned | withdrawn
CREATE VIEW v_cases AS
  WITH latest AS (
    SELECT DISTINCT ON (case_id)
           case_id, agency_id, procedure_code, channel, due_at, event
      FROM case_events
     ORDER BY case_id, time DESC,
              -- same instant: the later stage of the lifecycle wins
              array_position(ARRAY['received','assigned','supplement_requested','returned','withdrawn','resolved'], event) DESC
  ), span AS (
    SELECT case_id,
           min(time) FILTER (WHERE event = 'received') AS received_at,
           min(time) AS first_seen_at,
           max(time) FILTER (WHERE event = 'resolved') AS resolved_at
      FROM case_events
     GROUP BY case_id
  )
  SELECT l.case_id, l.agency_id, l.procedure_code, l.channel,
         coalesce(s.received_at, s.first_seen_at) AS received_at,
         l.due_at, s.resolved_at,
         CASE l.event WHEN 'assigned' THEN 'in_progress' ELSE l.event END AS status
    FROM latest l JOIN span s USING (case_id);

-- One row per official document. processed_at: first processed (incoming) or issued (outgoing).
CREATE VIEW v_documents AS
  SELECT doc_id,
         (array_agg(agency_id ORDER BY time DESC))[1] AS agency_id,
         (array_agg(direction ORDER BY time DESC))[1] AS direction,
         min(time) FILTER (WHERE event = 'registered') AS registered_at,
         (array_agg(due_at ORDER BY time DESC) FILTER (WHERE due_at IS NOT NULL))[1] AS due_at,
         min(time) FILTER (WHERE event IN ('processed', 'issued')) AS processed_at,
         coalesce(bool_or(signed), false) AS signed,
         coalesce(bool_or(e_exchange), false) AS e_exchange
    FROM document_events
   GROUP BY doc_id;

CREATE VIEW v_ingest_rejects AS
  SELECT received_at, topic, reason, payload FROM ingest_rejects;

CREATE VIEW v_indicators AS
  SELECT time, source, key, value, dims FROM indicator_values;
