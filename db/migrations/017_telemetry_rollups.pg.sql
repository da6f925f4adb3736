-- Plain PostgreSQL: the hourly and daily telemetry rollups become materialized, as the .tsdb.sql
-- continuous aggregates are. Until now they were views over the raw readings, so one sensor's
-- 30-day series read its 43 200 rows scattered over as many pages (230–280 ms, `npm run
-- bench:kpi`). Now each is a stored table up to a watermark plus the raw readings after it — the
-- shape of a real-time continuous aggregate — refreshed by the product's rollup job
-- (db/telemetry-rollups.ts) over the same trailing window as the TimescaleDB policy (3 days).
-- Readings older than that window that arrive late are not folded in; the same holds on
-- TimescaleDB, whose policies refresh only their window. The 1-minute rollup stays a view: it
-- is read for recent minutes only.

CREATE TABLE telemetry_1h_store (
  bucket    timestamptz NOT NULL,
  device_id text NOT NULL,
  metric    text NOT NULL,
  -- The sum, not the average, so a day is summed from its hours exactly as from the readings.
  sum       double precision NOT NULL,
  min       double precision NOT NULL,
  max       double precision NOT NULL,
  samples   bigint NOT NULL,
  PRIMARY KEY (device_id, metric, bucket)
);
CREATE INDEX telemetry_1h_store_bucket_idx ON telemetry_1h_store (bucket);

CREATE TABLE telemetry_1d_store (LIKE telemetry_1h_store INCLUDING ALL);

-- Everything before `upto` is in the store; everything from it on is computed from the readings.
CREATE TABLE telemetry_rollup_watermarks (
  rollup text PRIMARY KEY,
  upto   timestamptz NOT NULL
);
INSERT INTO telemetry_rollup_watermarks VALUES ('telemetry_1h', '-infinity'), ('telemetry_1d', '-infinity');

-- Same columns and buckets as before (003): hours on date_bin's origin, days at local midnight.
CREATE OR REPLACE VIEW telemetry_1h AS
  SELECT bucket, device_id, metric, sum / samples AS avg, min, max, samples
    FROM telemetry_1h_store
   WHERE bucket < (SELECT upto FROM telemetry_rollup_watermarks WHERE rollup = 'telemetry_1h')
  UNION ALL
  SELECT date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '2000-01-03 00:00:00+00'), device_id, metric,
         avg(value), min(value), max(value), count(*)
    FROM telemetry
   WHERE time >= (SELECT upto FROM telemetry_rollup_watermarks WHERE rollup = 'telemetry_1h')
   GROUP BY 1, 2, 3;

CREATE OR REPLACE VIEW telemetry_1d AS
  SELECT bucket, device_id, metric, sum / samples AS avg, min, max, samples
    FROM telemetry_1d_store
   WHERE bucket < (SELECT upto FROM telemetry_rollup_watermarks WHERE rollup = 'telemetry_1d')
  UNION ALL
  SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'), device_id, metric,
         avg(value), min(value), max(value), count(*)
    FROM telemetry
   WHERE time >= (SELECT upto FROM telemetry_rollup_watermarks WHERE rollup = 'telemetry_1d')
   GROUP BY 1, 2, 3;
