-- TimescaleDB policy jobs (continuous-aggregate refresh, compression, retention), oldest first:
-- a continuous aggregate built on another (the monthly KPI rollups on the daily) refreshes after it.
SELECT job_id, proc_name, hypertable_name
  FROM timescaledb_information.jobs
 WHERE proc_name IN ('policy_refresh_continuous_aggregate', 'policy_compression', 'policy_retention', 'policy_columnstore')
 ORDER BY job_id;
