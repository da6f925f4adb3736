-- The dossiers behind a "now" number: open now ($1 = false) or open and past due at $2 ($1 = true),
-- most overdue first. Filters and paging as kpi-drill-cases.sql ($3 channel … $9 limit, $10 offset).
SELECT c.case_id, c.agency_id, a.name_vi AS agency_vi, a.name_en AS agency_en, c.procedure_code, c.procedure_name, c.field, c.level,
       c.channel, c.received_at, c.due_at, c.resolved_at, c.status, c.rating, c.supplement_requests, c.status_at AS milestone_at,
       NULL::text AS timeliness
  FROM cases c
  LEFT JOIN agencies a ON a.agency_id = c.agency_id
 WHERE c.status IN ('received', 'in_progress', 'supplement_requested')
   AND (NOT $1::bool OR c.due_at < $2::timestamptz)
   AND ($3::text IS NULL OR c.channel = $3::text)
   AND ($4::text[] IS NULL OR c.agency_id = ANY($4::text[]))
   AND ($5::text IS NULL OR c.level = $5::text)
   AND ($6::text IS NULL OR coalesce(c.field, '') = $6::text)
   AND ($7::text IS NULL OR c.procedure_code = $7::text)
   AND ($8::text IS NULL OR lower(c.case_id) LIKE lower(replace(replace(replace($8::text, '\', '\\'), '%', '\%'), '_', '\_')) || '%')
 ORDER BY c.due_at, c.case_id
 LIMIT $9 OFFSET $10;
