-- Hourly and daily rollups of the generic indicators (issue #9), the same shape as the telemetry
-- ones (003, 017): continuous aggregates with real-time aggregation, so the current hour and day
-- are live. One series is (source, key, dims_key): a value by agency or by ward rolls up on its own,
-- and a ranking by a dim reads the rollup rather than the raw values.
-- `latest` is the series' last value in the bucket: a gauge or a running counter is read by its
-- last value, a count per interval by its sum; the catalogue's kind says which (docs/indicators.md).
-- The .pg.sql twin gives the same relations and results on plain PostgreSQL.

CREATE MATERIALIZED VIEW indicator_1h
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, source, key, dims_key,
         avg(value) AS avg, min(value) AS min, max(value) AS max, sum(value) AS sum, count(*) AS samples,
         last(value, time) AS latest, max(time) AS latest_time
    FROM indicator_values GROUP BY 1, 2, 3, 4
  WITH NO DATA;

CREATE MATERIALIZED VIEW indicator_1d
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT time_bucket(INTERVAL '1 day', time, 'Asia/Ho_Chi_Minh') AS bucket, source, key, dims_key,
         avg(value) AS avg, min(value) AS min, max(value) AS max, sum(value) AS sum, count(*) AS samples,
         last(value, time) AS latest, max(time) AS latest_time
    FROM indicator_values GROUP BY 1, 2, 3, 4
  WITH NO DATA;

SELECT add_continuous_aggregate_policy('indicator_1h', start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');
SELECT add_continuous_aggregate_policy('indicator_1d', start_offset => INTERVAL '40 days', end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour');
