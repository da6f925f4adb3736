-- Incoming documents past their due date and not yet processed, now. $1: now.
SELECT count(*) AS overdue_now
  FROM v_documents
 WHERE direction = 'incoming' AND processed_at IS NULL AND due_at < $1;
