-- Monthly KPI rollups beside the daily ones (005), so a long range reads whole months from here
-- and only its partial months at either end from the daily rows (db/kpi-range.ts): a year by
-- field is ≈ 30× fewer rows (`npm run bench:kpi`). Hierarchical continuous aggregates over the
-- daily ones, with real-time aggregation: a month not yet materialized is summed from the daily
-- aggregate (itself live), so the numbers match the daily rows at every moment; a late event
-- invalidates its day, whose refresh invalidates its month. Months start at local midnight on the
-- 1st in the city. The .pg.sql twin keeps the same relations as trigger-kept tables.

CREATE MATERIALIZED VIEW case_monthly_procedure
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT time_bucket(INTERVAL '1 month', bucket, 'Asia/Ho_Chi_Minh') AS bucket, agency_id, level, channel, field, procedure_code,
         sum(received) AS received,
         sum(received_online_payment) AS received_online_payment,
         sum(received_digitized) AS received_digitized,
         sum(resolved) AS resolved,
         sum(resolved_early) AS resolved_early,
         sum(resolved_on_time) AS resolved_on_time,
         sum(resolved_late) AS resolved_late,
         sum(supplement_requested) AS supplement_requested,
         sum(returned) AS returned,
         sum(withdrawn) AS withdrawn,
         sum(rated) AS rated,
         sum(rating_sum) AS rating_sum,
         sum(rating_1) AS rating_1,
         sum(rating_2) AS rating_2,
         sum(rating_3) AS rating_3,
         sum(rating_4) AS rating_4,
         sum(rating_5) AS rating_5
    FROM case_daily_procedure
   GROUP BY 1, 2, 3, 4, 5, 6
  WITH NO DATA;

CREATE MATERIALIZED VIEW case_monthly_agency
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT time_bucket(INTERVAL '1 month', bucket, 'Asia/Ho_Chi_Minh') AS bucket, agency_id, level, channel,
         sum(received) AS received,
         sum(received_online_payment) AS received_online_payment,
         sum(received_digitized) AS received_digitized,
         sum(resolved) AS resolved,
         sum(resolved_early) AS resolved_early,
         sum(resolved_on_time) AS resolved_on_time,
         sum(resolved_late) AS resolved_late,
         sum(supplement_requested) AS supplement_requested,
         sum(returned) AS returned,
         sum(withdrawn) AS withdrawn,
         sum(rated) AS rated,
         sum(rating_sum) AS rating_sum,
         sum(rating_1) AS rating_1,
         sum(rating_2) AS rating_2,
         sum(rating_3) AS rating_3,
         sum(rating_4) AS rating_4,
         sum(rating_5) AS rating_5
    FROM case_daily_agency
   GROUP BY 1, 2, 3, 4
  WITH NO DATA;

CREATE MATERIALIZED VIEW document_monthly
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT time_bucket(INTERVAL '1 month', bucket, 'Asia/Ho_Chi_Minh') AS bucket, agency_id, direction, urgency,
         sum(registered) AS registered,
         sum(registered_e_exchange) AS registered_e_exchange,
         sum(processed) AS processed,
         sum(processed_on_time) AS processed_on_time,
         sum(processed_late) AS processed_late,
         sum(processed_no_deadline) AS processed_no_deadline,
         sum(processed_signed) AS processed_signed,
         sum(processed_e_exchange) AS processed_e_exchange,
         sum(processing_seconds_sum) AS processing_seconds_sum
    FROM document_daily
   GROUP BY 1, 2, 3, 4
  WITH NO DATA;

SELECT add_continuous_aggregate_policy('case_monthly_procedure', start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');
SELECT add_continuous_aggregate_policy('case_monthly_agency', start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');
SELECT add_continuous_aggregate_policy('document_monthly', start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');
