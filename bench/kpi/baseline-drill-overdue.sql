-- Baseline for the "overdue now" drill-down (kpi-drill-cases-open.sql): open dossiers past due at
-- $1, most overdue first, from the raw events through v_cases. $2 limit, $3 offset.
SELECT v.case_id, v.agency_id, v.procedure_code, v.channel, v.received_at, v.due_at, v.status
  FROM v_cases v
 WHERE v.status IN ('received', 'in_progress', 'supplement_requested') AND v.due_at < $1::timestamptz
 ORDER BY v.due_at, v.case_id
 LIMIT $2 OFFSET $3;
