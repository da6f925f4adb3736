-- The documents behind a flow number: the milestone rows counted ($1 milestone registered | processed,
-- $2 direction, $3/$4 range, $5 timeliness, $6 e-exchange only), newest first. $7 agencies, $8 id
-- prefix, $9 limit, $10 offset. Ordered by the milestone's time alone, so a page walks the
-- milestones' time index; "overdue now" is kpi-drill-documents-overdue.sql.
SELECT d.doc_id, d.agency_id, a.name_vi AS agency_vi, a.name_en AS agency_en, d.direction, d.registered_at, d.due_at,
       d.processed_at, d.status, d.signed, d.e_exchange, d.urgency, m.time AS milestone_at, m.timeliness
  FROM document_milestones m
  JOIN documents d ON d.doc_id = m.doc_id
  LEFT JOIN agencies a ON a.agency_id = d.agency_id
 WHERE m.milestone = $1::text
   AND m.time >= $3::timestamptz AND m.time < $4::timestamptz
   AND ($2::text IS NULL OR m.direction = $2::text)
   AND ($5::text IS NULL OR m.timeliness = $5::text)
   AND (NOT $6::bool OR m.e_exchange)
   AND ($7::text[] IS NULL OR d.agency_id = ANY($7::text[]))
   AND ($8::text IS NULL OR lower(d.doc_id) LIKE lower(replace(replace(replace($8::text, '\', '\\'), '%', '\%'), '_', '\_')) || '%')
 ORDER BY m.time DESC, d.doc_id
 LIMIT $9 OFFSET $10;
