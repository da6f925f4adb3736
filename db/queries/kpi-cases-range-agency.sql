-- Dossier flow sums over whole local days [$1, $2), grouped by $3 (agency | level | channel | day | all),
-- filtered by $4 agencies, $5 level, $6 channel (NULL: any). The by-agency rollup: small, for the
-- leaders' tables and trends. Field or procedure filters use kpi-cases-range.sql.
SELECT CASE $3::text WHEN 'agency' THEN agency_id WHEN 'level' THEN level WHEN 'channel' THEN channel
                     WHEN 'day' THEN to_char(bucket AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') ELSE '' END AS key,
       sum(received) AS received,
       sum(received) FILTER (WHERE channel = 'online') AS received_online,
       sum(received) FILTER (WHERE channel = 'postal') AS received_postal,
       sum(received_online_payment) AS received_online_payment,
       sum(received_digitized) AS received_digitized,
       sum(resolved) AS resolved, sum(resolved_early) AS resolved_early, sum(resolved_on_time) AS resolved_on_time,
       sum(resolved_late) AS resolved_late, sum(supplement_requested) AS supplement_requested,
       sum(returned) AS returned, sum(withdrawn) AS withdrawn, sum(rated) AS rated, sum(rating_sum) AS rating_sum,
       sum(rating_1) AS rating_1, sum(rating_2) AS rating_2, sum(rating_3) AS rating_3, sum(rating_4) AS rating_4, sum(rating_5) AS rating_5
  FROM case_daily_agency
 WHERE bucket >= $1::timestamptz AND bucket < $2::timestamptz
   AND ($4::text[] IS NULL OR agency_id = ANY($4::text[]))
   AND ($5::text IS NULL OR level = $5::text)
   AND ($6::text IS NULL OR channel = $6::text)
 GROUP BY 1
 ORDER BY 1;
