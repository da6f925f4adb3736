-- Plain PostgreSQL (no TimescaleDB): the rollups are ordinary views computing the same
-- buckets on read (date_bin is time_bucket's twin for fixed intervals), so queries and
-- results match the TimescaleDB variant. No compression or retention here: see docs/operations.md.

CREATE VIEW telemetry_1m AS
  SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '2000-01-03 00:00:00+00') AS bucket, device_id, metric,
         avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS samples
    FROM telemetry GROUP BY 1, 2, 3;

CREATE VIEW telemetry_1h AS
  SELECT date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '2000-01-03 00:00:00+00') AS bucket, device_id, metric,
         avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS samples
    FROM telemetry GROUP BY 1, 2, 3;

-- Days start at local midnight in the city (as time_bucket(..., 'Asia/Ho_Chi_Minh') does).
CREATE VIEW telemetry_1d AS
  SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh') AS bucket, device_id, metric,
         avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS samples
    FROM telemetry GROUP BY 1, 2, 3;
