-- Nothing to do with TimescaleDB: telemetry_1h and telemetry_1d are already continuous aggregates
-- (003), refreshed by their policies. The .pg.sql twin materializes them on plain PostgreSQL.
SELECT 1;
