-- The stored state of these documents, locked in key order (see case-state-lock.sql).
SELECT doc_id, agency_id, direction,
       (extract(epoch FROM registered_at) * 1000)::float8 AS registered_ms, registered_reported,
       (extract(epoch FROM processed_at) * 1000)::float8 AS processed_ms,
       (extract(epoch FROM due_at) * 1000)::float8 AS due_ms,
       (extract(epoch FROM due_set_at) * 1000)::float8 AS due_set_ms,
       signed, e_exchange, urgency, (extract(epoch FROM urgency_at) * 1000)::float8 AS urgency_ms,
       status, (extract(epoch FROM status_at) * 1000)::float8 AS status_ms, status_rank
  FROM documents
 WHERE doc_id = ANY($1::text[])
 ORDER BY doc_id
   FOR UPDATE;
