-- Which of these (doc_id, event, time) keys are already stored (see case-events-existing.sql).
SELECT e.doc_id AS id, e.event, (extract(epoch FROM e.time) * 1000)::float8 AS ms
  FROM document_events e
  JOIN unnest($1::text[], $2::text[], $3::timestamptz[]) AS k(doc_id, event, time)
    ON e.doc_id = k.doc_id AND e.event = k.event AND e.time = k.time
 WHERE e.time >= $4::timestamptz AND e.time <= $5::timestamptz;
