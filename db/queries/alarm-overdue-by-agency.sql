-- Overdue-now counts per agency ($1 = now), for KPI-breach rules.
SELECT agency_id,
       (SELECT count(*) FROM cases c WHERE c.agency_id = a.agency_id AND c.status IN ('received', 'in_progress', 'supplement_requested') AND c.due_at < $1::timestamptz) AS cases_overdue,
       (SELECT count(*) FROM documents d WHERE d.agency_id = a.agency_id AND d.direction = 'incoming' AND d.processed_at IS NULL AND d.due_at < $1::timestamptz) AS documents_overdue
  FROM agencies a;
