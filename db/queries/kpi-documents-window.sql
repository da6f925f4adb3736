-- Document totals over [$1, $2] of the agencies $3 (NULL: all): what "yesterday up to the same time" compares with.
SELECT count(*) FILTER (WHERE direction = 'incoming' AND event = 'registered') AS incoming_registered,
       count(*) FILTER (WHERE direction = 'incoming' AND event = 'processed') AS incoming_processed,
       count(*) FILTER (WHERE direction = 'outgoing' AND event = 'issued') AS outgoing_issued,
       count(*) FILTER (WHERE direction = 'outgoing' AND event = 'issued' AND signed) AS outgoing_signed
  FROM document_events
 WHERE time >= $1 AND time <= $2 AND ($3::text[] IS NULL OR agency_id = ANY($3::text[]));
