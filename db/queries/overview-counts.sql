-- $1: online window start, $2: start of today in the city's time zone, $3: now, $4: the agencies
-- whose dossiers and documents count (NULL: all; a scoped leader's).
-- Overdue dossiers from the folded records (cases), not v_cases: see kpi-cases-today.sql.
SELECT
  (SELECT count(*) FROM devices WHERE device_type = 'sensor')                                    AS sensors_total,
  (SELECT count(*) FROM devices WHERE device_type = 'sensor' AND last_seen >= $1)                AS sensors_online,
  (SELECT count(*) FROM devices WHERE device_type = 'sensor' AND NOT placed)                     AS sensors_unplaced,
  (SELECT count(*) FROM devices WHERE device_type = 'camera')                                    AS cameras_total,
  (SELECT count(*) FROM (
     SELECT DISTINCT ON (camera_id) online FROM camera_status WHERE time >= $1
      ORDER BY camera_id, time DESC) s WHERE online)                                             AS cameras_online,
  (SELECT count(*) FROM case_events WHERE event = 'received' AND time >= $2 AND ($4::text[] IS NULL OR agency_id = ANY($4::text[])))                     AS cases_received,
  (SELECT count(*) FROM case_events WHERE event = 'resolved' AND time >= $2 AND ($4::text[] IS NULL OR agency_id = ANY($4::text[])))                     AS cases_resolved,
  (SELECT count(*) FROM cases WHERE status IN ('received', 'in_progress', 'supplement_requested') AND due_at < $3 AND ($4::text[] IS NULL OR agency_id = ANY($4::text[]))) AS cases_overdue,
  (SELECT count(*) FROM document_events WHERE event = 'registered' AND time >= $2 AND ($4::text[] IS NULL OR agency_id = ANY($4::text[])))               AS docs_registered,
  (SELECT count(*) FROM document_events WHERE event IN ('processed', 'issued') AND time >= $2 AND ($4::text[] IS NULL OR agency_id = ANY($4::text[])))   AS docs_processed,
  (SELECT count(*) FROM telemetry WHERE time >= $3::timestamptz - interval '1 minute')           AS readings_last_minute,
  (SELECT count(*) FROM ingest_rejects WHERE received_at >= $3::timestamptz - interval '1 hour') AS rejects_last_hour;
