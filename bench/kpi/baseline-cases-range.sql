-- Baseline for kpi-cases-range.sql: the same sums, parameters and keys, straight from the raw
-- milestone rows (case_milestones) instead of a daily rollup. Ranges are whole local days, so
-- "milestone time in [$1, $2)" is "bucket in [$1, $2)".
SELECT CASE $3::text WHEN 'agency' THEN agency_id WHEN 'level' THEN level WHEN 'channel' THEN channel
                     WHEN 'field' THEN field WHEN 'procedure' THEN procedure_code
                     WHEN 'day' THEN to_char(time AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') ELSE '' END AS key,
       count(*) FILTER (WHERE milestone = 'received') AS received,
       count(*) FILTER (WHERE milestone = 'received' AND channel = 'online') AS received_online,
       count(*) FILTER (WHERE milestone = 'received' AND channel = 'postal') AS received_postal,
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
 WHERE time >= $1::timestamptz AND time < $2::timestamptz
   AND ($4::text[] IS NULL OR agency_id = ANY($4::text[]))
   AND ($5::text IS NULL OR level = $5::text)
   AND ($6::text IS NULL OR field = $6::text)
   AND ($7::text IS NULL OR procedure_code = $7::text)
   AND ($8::text IS NULL OR channel = $8::text)
 GROUP BY 1
 ORDER BY 1;
