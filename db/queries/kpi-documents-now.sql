-- Incoming documents not yet processed, and those of them past due ($1 = now), grouped like
-- kpi-documents-range.sql.
SELECT CASE $2::text WHEN 'agency' THEN agency_id WHEN 'urgency' THEN coalesce(urgency, 'normal') ELSE '' END AS key,
       count(*) AS incoming_open_now,
       count(*) FILTER (WHERE due_at < $1::timestamptz) AS incoming_overdue_now
  FROM documents
 WHERE direction = 'incoming' AND processed_at IS NULL
   AND ($3::text[] IS NULL OR agency_id = ANY($3::text[]))
 GROUP BY 1
 ORDER BY 1;
