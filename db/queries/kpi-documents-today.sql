-- Today's document figures. $1: start of today (city time); $2: now.
SELECT
  (SELECT count(*) FROM document_events WHERE time >= $1 AND direction = 'incoming' AND event = 'registered') AS incoming_registered,
  (SELECT count(*) FROM document_events WHERE time >= $1 AND direction = 'incoming' AND event = 'processed') AS incoming_processed,
  (SELECT count(*) FROM document_events WHERE time >= $1 AND direction = 'outgoing' AND event = 'issued') AS outgoing_issued,
  (SELECT count(*) FROM document_events WHERE time >= $1 AND direction = 'outgoing' AND event = 'issued' AND signed) AS outgoing_signed,
  (SELECT count(*) FROM v_documents WHERE direction = 'incoming' AND processed_at IS NULL AND due_at < $2) AS overdue_now;
