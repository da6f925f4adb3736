-- Writes folded document states; $16 as in case-state-upsert.sql (true: insert new only).
WITH rows AS (
  SELECT doc_id, agency_id, direction, to_timestamp(registered_ms / 1000) AS registered_at, registered_reported,
         to_timestamp(processed_ms / 1000) AS processed_at, to_timestamp(due_ms / 1000) AS due_at,
         to_timestamp(due_set_ms / 1000) AS due_set_at, signed, e_exchange, urgency,
         to_timestamp(urgency_ms / 1000) AS urgency_at, status, to_timestamp(status_ms / 1000) AS status_at, status_rank
    FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::bool[], $6::float8[], $7::float8[], $8::float8[],
                $9::bool[], $10::bool[], $11::text[], $12::float8[], $13::text[], $14::float8[], $15::int2[])
      AS u(doc_id, agency_id, direction, registered_ms, registered_reported, processed_ms, due_ms, due_set_ms,
           signed, e_exchange, urgency, urgency_ms, status, status_ms, status_rank)
), inserted AS (
  INSERT INTO documents (doc_id, agency_id, direction, registered_at, registered_reported, processed_at, due_at, due_set_at,
                         signed, e_exchange, urgency, urgency_at, status, status_at, status_rank)
  SELECT * FROM rows WHERE $16::bool ORDER BY doc_id
  ON CONFLICT (doc_id) DO NOTHING
  RETURNING doc_id
), updated AS (
  UPDATE documents d SET agency_id = r.agency_id, direction = r.direction, registered_at = r.registered_at,
         registered_reported = r.registered_reported, processed_at = r.processed_at, due_at = r.due_at,
         due_set_at = r.due_set_at, signed = r.signed, e_exchange = r.e_exchange, urgency = r.urgency,
         urgency_at = r.urgency_at, status = r.status, status_at = r.status_at, status_rank = r.status_rank,
         updated_at = now()
    FROM rows r
   WHERE NOT $16::bool AND d.doc_id = r.doc_id
  RETURNING d.doc_id
)
SELECT doc_id AS id FROM inserted UNION ALL SELECT doc_id AS id FROM updated;
