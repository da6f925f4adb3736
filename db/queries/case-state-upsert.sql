-- Writes folded dossier states. $25 = true: insert new dossiers only (a conflict means another
-- worker created it meanwhile; the caller re-reads and folds again). false: overwrite existing rows.
WITH u AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::float8[], $9::float8[], $10::bool[], $11::float8[], $12::float8[], $13::int4[],
                       $14::float8[], $15::float8[], $16::text[], $17::float8[], $18::int2[], $19::bool[], $20::bool[],
                       $21::int2[], $22::float8[], $23::float8[], $24::float8[])
      AS u(case_id, agency_id, procedure_code, procedure_name, field, level, channel,
           due_ms, received_ms, received_reported, resolved_ms, supplement_ms, supplement_requests,
           returned_ms, withdrawn_ms, status, status_ms, status_rank, online_payment, digitized,
           rating, rating_ms, field_ms, name_ms)
), rows AS (
  SELECT case_id, agency_id, procedure_code, procedure_name, field, level, channel,
         to_timestamp(due_ms / 1000) AS due_at, to_timestamp(received_ms / 1000) AS received_at, received_reported,
         to_timestamp(resolved_ms / 1000) AS resolved_at, to_timestamp(supplement_ms / 1000) AS supplement_at,
         supplement_requests, to_timestamp(returned_ms / 1000) AS returned_at, to_timestamp(withdrawn_ms / 1000) AS withdrawn_at,
         status, to_timestamp(status_ms / 1000) AS status_at, status_rank, online_payment, digitized,
         rating, to_timestamp(rating_ms / 1000) AS rating_at, to_timestamp(field_ms / 1000) AS field_at,
         to_timestamp(name_ms / 1000) AS name_at
    FROM u
), inserted AS (
  INSERT INTO cases (case_id, agency_id, procedure_code, procedure_name, field, level, channel, due_at, received_at,
                     received_reported, resolved_at, supplement_at, supplement_requests, returned_at, withdrawn_at,
                     status, status_at, status_rank, online_payment, digitized, rating, rating_at, field_at, name_at)
  SELECT * FROM rows WHERE $25::bool ORDER BY case_id
  ON CONFLICT (case_id) DO NOTHING
  RETURNING case_id
), updated AS (
  UPDATE cases c SET agency_id = r.agency_id, procedure_code = r.procedure_code, procedure_name = r.procedure_name,
         field = r.field, level = r.level, channel = r.channel, due_at = r.due_at, received_at = r.received_at,
         received_reported = r.received_reported, resolved_at = r.resolved_at, supplement_at = r.supplement_at,
         supplement_requests = r.supplement_requests, returned_at = r.returned_at, withdrawn_at = r.withdrawn_at,
         status = r.status, status_at = r.status_at, status_rank = r.status_rank, online_payment = r.online_payment,
         digitized = r.digitized, rating = r.rating, rating_at = r.rating_at, field_at = r.field_at, name_at = r.name_at,
         updated_at = now()
    FROM rows r
   WHERE NOT $25::bool AND c.case_id = r.case_id
  RETURNING c.case_id
)
SELECT case_id AS id FROM inserted UNION ALL SELECT case_id AS id FROM updated;
