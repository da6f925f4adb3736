-- Baseline for the incoming-registered drill-down (kpi-drill-documents.sql): the same page from
-- the raw events through v_documents. $1/$2 range, $3 limit, $4 offset.
SELECT doc_id, agency_id, direction, registered_at, due_at, processed_at
  FROM v_documents
 WHERE direction = 'incoming' AND registered_at >= $1::timestamptz AND registered_at < $2::timestamptz
 ORDER BY registered_at DESC, doc_id
 LIMIT $3 OFFSET $4;
