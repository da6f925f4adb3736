-- Daily KPI rollups of dossier and document milestones: continuous aggregates with real-time
-- aggregation (materialized_only = false), so today's bucket is computed live from the raw
-- milestones and the past from the materialization. Days start at local midnight in the city.
-- Two grains per family: by agency (the leaders' tables, small) and by agency × field ×
-- procedure (filters and breakdowns). The .pg.sql twin keeps the same relations as tables
-- maintained by triggers; both give the same rows.

SELECT create_hypertable('case_milestones', by_range('time', INTERVAL '90 days'), migrate_data => true);
SELECT create_hypertable('document_milestones', by_range('time', INTERVAL '90 days'), migrate_data => true);

CREATE MATERIALIZED VIEW case_daily_procedure
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT time_bucket(INTERVAL '1 day', time, 'Asia/Ho_Chi_Minh') AS bucket,
         agency_id, level, channel, field, procedure_code,
         count(*) FILTER (WHERE milestone = 'received') AS received,
         count(*) FILTER (WHERE milestone = 'received' AND online_payment) AS received_online_payment,
         count(*) FILTER (WHERE milestone = 'received' AND digitized) AS received_digitized,
         count(*) FILTER (WHERE milestone = 'resolved') AS resolved,
         count(*) FILTER (WHERE milestone = 'resolved' AND timeliness = 'early') AS resolved_early,
         count(*) FILTER (WHERE milestone = 'resolved' AND timeliness = 'on_time') AS resolved_on_time,
         count(*) FILTER (WHERE milestone = 'resolved' AND timeliness = 'late') AS resolved_late,
         count(*) FILTER (WHERE milestone = 'supplement_requested') AS supplement_requested,
         count(*) FILTER (WHERE milestone = 'returned') AS returned,
         count(*) FILTER (WHERE milestone = 'withdrawn') AS withdrawn,
         count(*) FILTER (WHERE milestone = 'resolved' AND rating IS NOT NULL) AS rated,
         coalesce(sum(rating) FILTER (WHERE milestone = 'resolved'), 0) AS rating_sum,
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 1) AS rating_1,
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 2) AS rating_2,
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 3) AS rating_3,
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 4) AS rating_4,
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 5) AS rating_5
    FROM case_milestones
   GROUP BY 1, 2, 3, 4, 5, 6
  WITH NO DATA;

CREATE MATERIALIZED VIEW case_daily_agency
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT time_bucket(INTERVAL '1 day', time, 'Asia/Ho_Chi_Minh') AS bucket,
         agency_id, level, channel,
         count(*) FILTER (WHERE milestone = 'received') AS received,
         count(*) FILTER (WHERE milestone = 'received' AND online_payment) AS received_online_payment,
         count(*) FILTER (WHERE milestone = 'received' AND digitized) AS received_digitized,
         count(*) FILTER (WHERE milestone = 'resolved') AS resolved,
         count(*) FILTER (WHERE milestone = 'resolved' AND timeliness = 'early') AS resolved_early,
         count(*) FILTER (WHERE milestone = 'resolved' AND timeliness = 'on_time') AS resolved_on_time,
         count(*) FILTER (WHERE milestone = 'resolved' AND timeliness = 'late') AS resolved_late,
         count(*) FILTER (WHERE milestone = 'supplement_requested') AS supplement_requested,
         count(*) FILTER (WHERE milestone = 'returned') AS returned,
         count(*) FILTER (WHERE milestone = 'withdrawn') AS withdrawn,
         count(*) FILTER (WHERE milestone = 'resolved' AND rating IS NOT NULL) AS rated,
         coalesce(sum(rating) FILTER (WHERE milestone = 'resolved'), 0) AS rating_sum,
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 1) AS rating_1,
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 2) AS rating_2,
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 3) AS rating_3,
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 4) AS rating_4,
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 5) AS rating_5
    FROM case_milestones
   GROUP BY 1, 2, 3, 4
  WITH NO DATA;

CREATE MATERIALIZED VIEW document_daily
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT time_bucket(INTERVAL '1 day', time, 'Asia/Ho_Chi_Minh') AS bucket,
         agency_id, direction, urgency,
         count(*) FILTER (WHERE milestone = 'registered') AS registered,
         count(*) FILTER (WHERE milestone = 'registered' AND e_exchange) AS registered_e_exchange,
         count(*) FILTER (WHERE milestone = 'processed') AS processed,
         count(*) FILTER (WHERE milestone = 'processed' AND timeliness = 'on_time') AS processed_on_time,
         count(*) FILTER (WHERE milestone = 'processed' AND timeliness = 'late') AS processed_late,
         count(*) FILTER (WHERE milestone = 'processed' AND timeliness = 'no_deadline') AS processed_no_deadline,
         count(*) FILTER (WHERE milestone = 'processed' AND signed) AS processed_signed,
         count(*) FILTER (WHERE milestone = 'processed' AND e_exchange) AS processed_e_exchange,
         coalesce(sum(processing_seconds) FILTER (WHERE milestone = 'processed'), 0) AS processing_seconds_sum
    FROM document_milestones
   GROUP BY 1, 2, 3, 4
  WITH NO DATA;

-- Refresh what changed (milestones are rewritten when a late event moves them), back to the
-- beginning: only invalidated ranges are recomputed, so an unbounded window costs nothing extra.
SELECT add_continuous_aggregate_policy('case_daily_procedure', start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '5 minutes');
SELECT add_continuous_aggregate_policy('case_daily_agency', start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '5 minutes');
SELECT add_continuous_aggregate_policy('document_daily', start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '5 minutes');
