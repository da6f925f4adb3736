-- Dossiers open now (received, in progress, waiting for a supplement) and those of them past due,
-- grouped and filtered like kpi-cases-range.sql ($1 = now; 'day' has no meaning here and gives '').
SELECT CASE $2::text WHEN 'agency' THEN agency_id WHEN 'level' THEN level WHEN 'channel' THEN channel
                     WHEN 'field' THEN coalesce(field, '') WHEN 'procedure' THEN procedure_code ELSE '' END AS key,
       count(*) AS in_progress_now,
       count(*) FILTER (WHERE due_at < $1::timestamptz) AS overdue_now
  FROM cases
 WHERE status IN ('received', 'in_progress', 'supplement_requested')
   AND ($3::text[] IS NULL OR agency_id = ANY($3::text[]))
   AND ($4::text IS NULL OR level = $4::text)
   AND ($5::text IS NULL OR coalesce(field, '') = $5::text)
   AND ($6::text IS NULL OR procedure_code = $6::text)
   AND ($7::text IS NULL OR channel = $7::text)
 GROUP BY 1
 ORDER BY 1;
