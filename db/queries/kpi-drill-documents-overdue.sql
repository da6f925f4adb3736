-- The documents behind "overdue now": incoming documents not processed and past due at $1, the
-- latest deadline first. $2 agencies, $3 id prefix, $4 limit, $5 offset.
SELECT d.doc_id, d.agency_id, a.name_vi AS agency_vi, a.name_en AS agency_en, d.direction, d.registered_at, d.due_at,
       d.processed_at, d.status, d.signed, d.e_exchange, d.urgency, NULL::timestamptz AS milestone_at, NULL::text AS timeliness
  FROM documents d
  LEFT JOIN agencies a ON a.agency_id = d.agency_id
 WHERE d.direction = 'incoming' AND d.processed_at IS NULL AND d.due_at < $1::timestamptz
   AND ($2::text[] IS NULL OR d.agency_id = ANY($2::text[]))
   AND ($3::text IS NULL OR lower(d.doc_id) LIKE lower(replace(replace(replace($3::text, '\', '\\'), '%', '\%'), '_', '\_')) || '%')
 ORDER BY d.due_at DESC, d.doc_id
 LIMIT $4 OFFSET $5;
