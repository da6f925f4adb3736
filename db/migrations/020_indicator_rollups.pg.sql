-- Plain PostgreSQL: hourly and daily rollups of the generic indicators, materialized as the
-- .tsdb.sql continuous aggregates are — the pattern of migration 017 for telemetry: a stored table
-- up to a watermark plus the values after it computed on read, refreshed by the product's rollup
-- job (db/indicator-rollups.ts) over the trailing window of the TimescaleDB policy (3 days).
-- One series is (source, key, dims_key). `latest` is the series' last value in the bucket and
-- `latest_time` when it was measured, so a day's latest is taken from its hours exactly.

CREATE TABLE indicator_1h_store (
  bucket      timestamptz NOT NULL,
  source      text NOT NULL,
  key         text NOT NULL,
  dims_key    text NOT NULL,
  sum         double precision NOT NULL,
  min         double precision NOT NULL,
  max         double precision NOT NULL,
  samples     bigint NOT NULL,
  latest      double precision NOT NULL,
  latest_time timestamptz NOT NULL,
  PRIMARY KEY (source, key, dims_key, bucket)
);
CREATE INDEX indicator_1h_store_bucket_idx ON indicator_1h_store (bucket);

CREATE TABLE indicator_1d_store (LIKE indicator_1h_store INCLUDING ALL);

-- Everything before `upto` is in the store; everything from it on is computed from the values.
CREATE TABLE indicator_rollup_watermarks (
  rollup text PRIMARY KEY,
  upto   timestamptz NOT NULL
);
INSERT INTO indicator_rollup_watermarks VALUES ('indicator_1h', '-infinity'), ('indicator_1d', '-infinity');

-- The same columns as the TimescaleDB continuous aggregates (hours on date_bin's origin, days at
-- local midnight).
CREATE VIEW indicator_1h AS
  SELECT bucket, source, key, dims_key, sum / samples AS avg, min, max, sum, samples, latest, latest_time
    FROM indicator_1h_store
   WHERE bucket < (SELECT upto FROM indicator_rollup_watermarks WHERE rollup = 'indicator_1h')
  UNION ALL
  SELECT date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '2000-01-03 00:00:00+00'), source, key, dims_key,
         avg(value), min(value), max(value), sum(value), count(*), (array_agg(value ORDER BY time DESC))[1], max(time)
    FROM indicator_values
   WHERE time >= (SELECT upto FROM indicator_rollup_watermarks WHERE rollup = 'indicator_1h')
   GROUP BY 1, 2, 3, 4;

CREATE VIEW indicator_1d AS
  SELECT bucket, source, key, dims_key, sum / samples AS avg, min, max, sum, samples, latest, latest_time
    FROM indicator_1d_store
   WHERE bucket < (SELECT upto FROM indicator_rollup_watermarks WHERE rollup = 'indicator_1d')
  UNION ALL
  SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'), source, key, dims_key,
         avg(value), min(value), max(value), sum(value), count(*), (array_agg(value ORDER BY time DESC))[1], max(time)
    FROM indicator_values
   WHERE time >= (SELECT upto FROM indicator_rollup_watermarks WHERE rollup = 'indicator_1d')
   GROUP BY 1, 2, 3, 4;
