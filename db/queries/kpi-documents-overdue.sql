-- Incoming documents past their due date and not yet processed, now. $1: now; $2: the agencies (NULL: all).
-- From the folded records (documents, its open-by-deadline index), as kpi-documents-now.sql counts
-- them for the KPI table; v_documents would fold every document's raw events on each call.
SELECT count(*) AS overdue_now
  FROM documents
 WHERE direction = 'incoming' AND processed_at IS NULL AND due_at < $1
   AND ($2::text[] IS NULL OR agency_id = ANY($2::text[]));
