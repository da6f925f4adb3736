-- Document events of the next $2 documents after doc id $1, in id order (the rebuild's pages).
-- Read as a key range of the primary key, as case-events-after.sql (not a join the planner may hash).
WITH ids AS (
  SELECT DISTINCT doc_id FROM document_events WHERE doc_id > $1 ORDER BY doc_id LIMIT $2
)
SELECT (extract(epoch FROM e.time) * 1000)::float8 AS ms, e.doc_id, e.agency_id, e.direction, e.event,
       (extract(epoch FROM e.due_at) * 1000)::float8 AS due_ms, e.signed, e.e_exchange, e.urgency
  FROM document_events e
 WHERE e.doc_id > $1 AND e.doc_id <= (SELECT max(doc_id) FROM ids)
 ORDER BY e.doc_id, e.time;
