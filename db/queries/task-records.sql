-- The tasks behind a task KPI (drill-down): assigned in [$1, $2), as they stand at $3 (now),
-- optionally of one agency ($4) and one leader ($5), in one bucket ($6: on_time | late | overdue |
-- in_progress | cancelled | all), of the owner agencies $8 (NULL: all; a leader's scope); the most
-- overdue first, then by deadline. $7 rows at most.
SELECT t.*, coalesce(a.name_vi, t.agency_id) AS agency_name
  FROM v_tasks t
  LEFT JOIN agencies a ON a.agency_id = t.agency_id
 WHERE t.assigned_at >= $1::timestamptz AND t.assigned_at < $2::timestamptz
   AND ($4::text IS NULL OR t.agency_id = $4)
   AND ($8::text[] IS NULL OR t.agency_id = ANY($8::text[]))
   AND ($5::text IS NULL OR t.assigned_by = $5)
   AND CASE $6::text
         WHEN 'on_time'     THEN t.status = 'done' AND t.completed_at <= t.due_at
         WHEN 'late'        THEN t.status = 'done' AND t.completed_at > t.due_at
         WHEN 'overdue'     THEN t.status = 'open' AND t.due_at < $3::timestamptz
         WHEN 'in_progress' THEN t.status = 'open' AND NOT (t.due_at < $3::timestamptz)
         WHEN 'cancelled'   THEN t.status = 'cancelled'
         ELSE true END
 ORDER BY (t.status = 'open' AND t.due_at < $3::timestamptz) DESC, t.due_at, t.task_id
 LIMIT $7;
