-- Leaders' task KPIs of the tasks assigned in [$1, $2), as they stand at $3 (now): the whole city,
-- by owner agency and by assigning leader (GROUPING SETS: `grp` says which). On time: completed at
-- or before the deadline in force (v_tasks); overdue now: open and past it. $4: the owner agencies
-- (NULL: all; a leader's scope).
SELECT CASE WHEN GROUPING(agency_id) = 0 THEN 'agency' WHEN GROUPING(assigned_by) = 0 THEN 'leader' ELSE 'all' END AS grp,
       agency_id, assigned_by,
       count(*)::int                                                                   AS assigned,
       count(*) FILTER (WHERE status = 'done' AND completed_at <= due_at)::int          AS done_on_time,
       count(*) FILTER (WHERE status = 'done' AND completed_at > due_at)::int           AS done_late,
       count(*) FILTER (WHERE status = 'open' AND due_at < $3::timestamptz)::int        AS overdue_now,
       count(*) FILTER (WHERE status = 'open' AND NOT (due_at < $3::timestamptz))::int  AS in_progress,
       count(*) FILTER (WHERE status = 'cancelled')::int                                AS cancelled
  FROM v_tasks
 WHERE assigned_at >= $1::timestamptz AND assigned_at < $2::timestamptz
   AND ($4::text[] IS NULL OR agency_id = ANY($4::text[]))
 GROUP BY GROUPING SETS ((), (agency_id), (assigned_by));
