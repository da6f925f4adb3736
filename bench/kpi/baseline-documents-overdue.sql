-- Baseline for db/queries/kpi-documents-overdue.sql: overdue incoming documents folded from the raw events
-- through v_documents, as the product computed it before it read the folded records (documents).
-- Incoming documents past their due date and not yet processed, now. $1: now.
SELECT count(*) AS overdue_now
  FROM v_documents
 WHERE direction = 'incoming' AND processed_at IS NULL AND due_at < $1;
