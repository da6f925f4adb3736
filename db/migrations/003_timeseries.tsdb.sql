-- TimescaleDB present: hypertables, continuous aggregates with real-time aggregation
-- (so the current bucket is live), compression and retention.
-- The .pg.sql twin gives the same relations and query results on plain PostgreSQL.

CREATE EXTENSION IF NOT EXISTS timescaledb;

SELECT create_hypertable('telemetry', by_range('time', INTERVAL '1 day'), migrate_data => true);
SELECT create_hypertable('camera_status', by_range('time', INTERVAL '7 days'), migrate_data => true);
SELECT create_hypertable('camera_events', by_range('time', INTERVAL '7 days'), migrate_data => true);
SELECT create_hypertable('case_events', by_range('time', INTERVAL '30 days'), migrate_data => true);
SELECT create_hypertable('document_events', by_range('time', INTERVAL '30 days'), migrate_data => true);
SELECT create_hypertable('indicator_values', by_range('time', INTERVAL '7 days'), migrate_data => true);

CREATE MATERIALIZED VIEW telemetry_1m
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT time_bucket(INTERVAL '1 minute', time) AS bucket, device_id, metric,
         avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS samples
    FROM telemetry GROUP BY 1, 2, 3
  WITH NO DATA;

CREATE MATERIALIZED VIEW telemetry_1h
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, device_id, metric,
         avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS samples
    FROM telemetry GROUP BY 1, 2, 3
  WITH NO DATA;

CREATE MATERIALIZED VIEW telemetry_1d
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT time_bucket(INTERVAL '1 day', time, 'Asia/Ho_Chi_Minh') AS bucket, device_id, metric,
         avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS samples
    FROM telemetry GROUP BY 1, 2, 3
  WITH NO DATA;

SELECT add_continuous_aggregate_policy('telemetry_1m', start_offset => INTERVAL '2 hours', end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 minute');
SELECT add_continuous_aggregate_policy('telemetry_1h', start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');
SELECT add_continuous_aggregate_policy('telemetry_1d', start_offset => INTERVAL '40 days', end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour');

ALTER TABLE telemetry SET (timescaledb.compress, timescaledb.compress_segmentby = 'device_id, metric', timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('telemetry', INTERVAL '7 days');
ALTER TABLE camera_status SET (timescaledb.compress, timescaledb.compress_segmentby = 'camera_id', timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('camera_status', INTERVAL '7 days');

-- Raw readings are kept 180 days; the hourly and daily rollups keep the history beyond that.
SELECT add_retention_policy('telemetry', INTERVAL '180 days');
SELECT add_retention_policy('camera_status', INTERVAL '180 days');
SELECT add_retention_policy('telemetry_1m', INTERVAL '30 days');
