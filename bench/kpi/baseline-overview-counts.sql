-- Baseline for db/queries/overview-counts.sql: the same counts with overdue dossiers folded from the raw
-- events through v_cases, as the product computed them before it read the folded records (cases).
-- $1: online window start, $2: start of today in the city's time zone, $3: now
SELECT
  (SELECT count(*) FROM devices WHERE device_type = 'sensor')                                    AS sensors_total,
  (SELECT count(*) FROM devices WHERE device_type = 'sensor' AND last_seen >= $1)                AS sensors_online,
  (SELECT count(*) FROM devices WHERE device_type = 'sensor' AND NOT placed)                     AS sensors_unplaced,
  (SELECT count(*) FROM devices WHERE device_type = 'camera')                                    AS cameras_total,
  (SELECT count(*) FROM (
     SELECT DISTINCT ON (camera_id) online FROM camera_status WHERE time >= $1
      ORDER BY camera_id, time DESC) s WHERE online)                                             AS cameras_online,
  (SELECT count(*) FROM case_events WHERE event = 'received' AND time >= $2)                     AS cases_received,
  (SELECT count(*) FROM case_events WHERE event = 'resolved' AND time >= $2)                     AS cases_resolved,
  (SELECT count(*) FROM v_cases WHERE status NOT IN ('resolved', 'returned', 'withdrawn') AND due_at < $3) AS cases_overdue,
  (SELECT count(*) FROM document_events WHERE event = 'registered' AND time >= $2)               AS docs_registered,
  (SELECT count(*) FROM document_events WHERE event IN ('processed', 'issued') AND time >= $2)   AS docs_processed,
  (SELECT count(*) FROM telemetry WHERE time >= $3::timestamptz - interval '1 minute')           AS readings_last_minute,
  (SELECT count(*) FROM ingest_rejects WHERE received_at >= $3::timestamptz - interval '1 hour') AS rejects_last_hour;
