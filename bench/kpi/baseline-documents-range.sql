-- Baseline for kpi-documents-range.sql: the same sums and keys from the raw milestone rows
-- (document_milestones) instead of the daily rollup.
SELECT CASE $3::text WHEN 'agency' THEN agency_id WHEN 'urgency' THEN urgency
                     WHEN 'day' THEN to_char(time AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') ELSE '' END AS key,
       count(*) FILTER (WHERE direction = 'incoming' AND milestone = 'registered') AS incoming_registered,
       count(*) FILTER (WHERE direction = 'incoming' AND milestone = 'registered' AND e_exchange) AS incoming_registered_electronic,
       count(*) FILTER (WHERE direction = 'incoming' AND milestone = 'processed') AS incoming_processed,
       count(*) FILTER (WHERE direction = 'incoming' AND milestone = 'processed' AND timeliness = 'on_time') AS incoming_on_time,
       count(*) FILTER (WHERE direction = 'incoming' AND milestone = 'processed' AND timeliness = 'late') AS incoming_late,
       count(*) FILTER (WHERE direction = 'incoming' AND milestone = 'processed' AND timeliness = 'no_deadline') AS incoming_no_deadline,
       coalesce(sum(processing_seconds) FILTER (WHERE direction = 'incoming' AND milestone = 'processed'), 0) AS incoming_processing_seconds,
       count(*) FILTER (WHERE direction = 'outgoing' AND milestone = 'processed') AS outgoing_issued,
       count(*) FILTER (WHERE direction = 'outgoing' AND milestone = 'processed' AND signed) AS outgoing_signed,
       count(*) FILTER (WHERE direction = 'outgoing' AND milestone = 'processed' AND e_exchange) AS outgoing_electronic
  FROM document_milestones
 WHERE time >= $1::timestamptz AND time < $2::timestamptz
   AND ($4::text[] IS NULL OR agency_id = ANY($4::text[]))
 GROUP BY 1
 ORDER BY 1;
