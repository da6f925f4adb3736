-- Dossiers open now, with everything the "now" counts group and filter by (kpi-cases-now.sql):
-- an index-only scan of the open ones. cases_open_due_idx holds them too but not their field,
-- level, channel or procedure, so "in progress / overdue now by field" read the heap pages of
-- every open dossier — 70 000 of 3 million, scattered: 250 ms (`npm run bench:kpi`); now 35 ms.
CREATE INDEX cases_open_idx ON cases (agency_id) INCLUDE (level, channel, field, procedure_code, due_at)
  WHERE status IN ('received', 'in_progress', 'supplement_requested');
