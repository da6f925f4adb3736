-- The stored state of these dossiers, locked for this transaction in key order (so concurrent
-- workers folding events of the same dossiers queue instead of deadlocking).
SELECT case_id, agency_id, procedure_code, procedure_name, field, level, channel,
       (extract(epoch FROM due_at) * 1000)::float8 AS due_ms,
       (extract(epoch FROM received_at) * 1000)::float8 AS received_ms, received_reported,
       (extract(epoch FROM resolved_at) * 1000)::float8 AS resolved_ms,
       (extract(epoch FROM supplement_at) * 1000)::float8 AS supplement_ms, supplement_requests,
       (extract(epoch FROM returned_at) * 1000)::float8 AS returned_ms,
       (extract(epoch FROM withdrawn_at) * 1000)::float8 AS withdrawn_ms,
       status, (extract(epoch FROM status_at) * 1000)::float8 AS status_ms, status_rank,
       online_payment, digitized, rating,
       (extract(epoch FROM rating_at) * 1000)::float8 AS rating_ms,
       (extract(epoch FROM field_at) * 1000)::float8 AS field_ms,
       (extract(epoch FROM name_at) * 1000)::float8 AS name_ms
  FROM cases
 WHERE case_id = ANY($1::text[])
 ORDER BY case_id
   FOR UPDATE;
