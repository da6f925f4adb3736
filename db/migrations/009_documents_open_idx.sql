-- Incoming documents not yet processed: the "open now" and "overdue now" counts of the KPI tables
-- and live tiles (kpi-documents-now.sql, kpi-documents-overdue.sql). documents_open_due_idx holds
-- only those with a deadline, so the counts read every document (1 M: 220 ms, `npm run bench:kpi`);
-- this one holds all of them with what the counts need, for an index-only scan.
CREATE INDEX documents_open_idx ON documents (direction, agency_id, due_at) INCLUDE (urgency) WHERE processed_at IS NULL;
