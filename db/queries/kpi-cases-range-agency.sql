-- Dossier flow sums over whole local days [$1, $4), grouped by $5 (agency | level | channel | day |
-- all), filtered by $6 agencies, $7 level, $8 channel (NULL: any). Whole months [$2, $3) from the
-- monthly rollup, partial months from the daily one ($2 = $3 = $4: days only). The by-agency
-- rollups: small, for the leaders' tables and trends. Field or procedure filters use
-- kpi-cases-range.sql, which also says why the day key is formatted last.
-- Days with no agency chosen nor asked for come from the city's daily rollup (022), ≈ 30× fewer
-- rows than the agencies' (the trend by day over a year); the branch conditions on parameters only
-- are decided once per execution, so just one of the two daily sources is read.
WITH src AS (
  SELECT * FROM case_monthly_agency WHERE bucket >= $2::timestamptz AND bucket < $3::timestamptz
  UNION ALL
  SELECT * FROM case_daily_agency
   WHERE NOT ($6::text[] IS NULL AND $5::text <> 'agency')
     AND ((bucket >= $1::timestamptz AND bucket < $2::timestamptz) OR (bucket >= $3::timestamptz AND bucket < $4::timestamptz))
  UNION ALL
  SELECT bucket, NULL::text, level, channel, received, received_online_payment, received_digitized, resolved, resolved_early,
         resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5
    FROM case_daily_city
   WHERE $6::text[] IS NULL AND $5::text <> 'agency'
     AND ((bucket >= $1::timestamptz AND bucket < $2::timestamptz) OR (bucket >= $3::timestamptz AND bucket < $4::timestamptz))
), grouped AS (
  SELECT CASE $5::text WHEN 'agency' THEN agency_id WHEN 'level' THEN level WHEN 'channel' THEN channel ELSE '' END AS key,
         CASE WHEN $5::text = 'day' THEN bucket END AS day,
         sum(received) AS received,
         sum(received) FILTER (WHERE channel = 'online') AS received_online,
         sum(received) FILTER (WHERE channel = 'postal') AS received_postal,
         sum(received_online_payment) AS received_online_payment,
         sum(received_digitized) AS received_digitized,
         sum(resolved) AS resolved, sum(resolved_early) AS resolved_early, sum(resolved_on_time) AS resolved_on_time,
         sum(resolved_late) AS resolved_late, sum(supplement_requested) AS supplement_requested,
         sum(returned) AS returned, sum(withdrawn) AS withdrawn, sum(rated) AS rated, sum(rating_sum) AS rating_sum,
         sum(rating_1) AS rating_1, sum(rating_2) AS rating_2, sum(rating_3) AS rating_3, sum(rating_4) AS rating_4, sum(rating_5) AS rating_5
    FROM src
   WHERE ($6::text[] IS NULL OR agency_id = ANY($6::text[]))
     AND ($7::text IS NULL OR level = $7::text)
     AND ($8::text IS NULL OR channel = $8::text)
   GROUP BY 1, 2
)
SELECT coalesce(to_char(day AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD'), key) AS key, received, received_online, received_postal,
       received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested,
       returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5
  FROM grouped
 ORDER BY 1;
