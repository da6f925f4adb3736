-- The city's daily dossier sums, without the agency: what the trend by day (and a table by level
-- or channel) reads when no agency is chosen — 365 rows × level × channel for a year instead of
-- the agencies' ≈ 30 000 (`npm run bench:kpi`: "by day, this year"). A hierarchical continuous
-- aggregate on case_daily_agency, real-time aggregation on (today is summed from the live daily one).

CREATE MATERIALIZED VIEW case_daily_city
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT time_bucket(INTERVAL '1 day', bucket, 'Asia/Ho_Chi_Minh') AS bucket, level, channel,
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
   GROUP BY 1, 2, 3
  WITH NO DATA;

SELECT add_continuous_aggregate_policy('case_daily_city', start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '5 minutes');
