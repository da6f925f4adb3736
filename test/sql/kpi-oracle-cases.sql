-- The independent computation the KPI tests check against: every dossier sum straight from the
-- read-model view v_cases (itself derived from the raw events), with none of the ingest's state,
-- milestones or rollups. $1/$2: range [from, to), $3: now, $4: grouping (as kpi-cases-range.sql).
WITH c AS (
  SELECT *,
         received_at >= $1::timestamptz AND received_at < $2::timestamptz AS rcv,
         resolved_at >= $1::timestamptz AND resolved_at < $2::timestamptz AS res,
         (resolved_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < (due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS early_day
    FROM v_cases
)
SELECT CASE $4::text WHEN 'agency' THEN agency_id WHEN 'level' THEN level WHEN 'channel' THEN channel
                     WHEN 'field' THEN coalesce(field, '') WHEN 'procedure' THEN procedure_code ELSE '' END AS key,
       count(*) FILTER (WHERE rcv) AS received,
       count(*) FILTER (WHERE rcv AND channel = 'online') AS received_online,
       count(*) FILTER (WHERE rcv AND channel = 'postal') AS received_postal,
       count(*) FILTER (WHERE rcv AND online_payment) AS received_online_payment,
       count(*) FILTER (WHERE rcv AND digitized) AS received_digitized,
       count(*) FILTER (WHERE res) AS resolved,
       count(*) FILTER (WHERE res AND resolved_at <= due_at AND early_day) AS resolved_early,
       count(*) FILTER (WHERE res AND resolved_at <= due_at AND NOT early_day) AS resolved_on_time,
       count(*) FILTER (WHERE res AND resolved_at > due_at) AS resolved_late,
       count(*) FILTER (WHERE supplement_requested_at >= $1::timestamptz AND supplement_requested_at < $2::timestamptz) AS supplement_requested,
       count(*) FILTER (WHERE returned_at >= $1::timestamptz AND returned_at < $2::timestamptz) AS returned,
       count(*) FILTER (WHERE withdrawn_at >= $1::timestamptz AND withdrawn_at < $2::timestamptz) AS withdrawn,
       count(*) FILTER (WHERE res AND rating IS NOT NULL) AS rated,
       coalesce(sum(rating) FILTER (WHERE res), 0) AS rating_sum,
       count(*) FILTER (WHERE res AND rating = 1) AS rating_1,
       count(*) FILTER (WHERE res AND rating = 2) AS rating_2,
       count(*) FILTER (WHERE res AND rating = 3) AS rating_3,
       count(*) FILTER (WHERE res AND rating = 4) AS rating_4,
       count(*) FILTER (WHERE res AND rating = 5) AS rating_5,
       count(*) FILTER (WHERE status IN ('received', 'in_progress', 'supplement_requested')) AS in_progress_now,
       count(*) FILTER (WHERE status IN ('received', 'in_progress', 'supplement_requested') AND due_at < $3::timestamptz) AS overdue_now
  FROM c
 GROUP BY 1
 ORDER BY 1;
