-- The dossiers behind a flow number: the very milestone rows the rollups counted, newest first.
-- $1 milestone, $2/$3 range, $4 timeliness, $5 channel, $6 online payment only, $7 digitized only,
-- $8 rated only, $9 agencies, $10 level, $11 field, $12 procedure, $13 code prefix (taken literally: \ % _ are escaped,
-- so a code holding them is found; any case: lower() LIKE, which
-- cases_code_prefix_idx serves), $14 limit, $15 offset.
SELECT c.case_id, c.agency_id, a.name_vi AS agency_vi, a.name_en AS agency_en, c.procedure_code, c.procedure_name, c.field, c.level,
       c.channel, c.received_at, c.due_at, c.resolved_at, c.status, c.rating, c.supplement_requests, m.time AS milestone_at, m.timeliness
  FROM case_milestones m
  JOIN cases c USING (case_id)
  LEFT JOIN agencies a ON a.agency_id = c.agency_id
 WHERE m.milestone = $1::text
   AND m.time >= $2::timestamptz AND m.time < $3::timestamptz
   AND ($4::text IS NULL OR m.timeliness = $4::text)
   AND ($5::text IS NULL OR m.channel = $5::text)
   AND (NOT $6::bool OR m.online_payment)
   AND (NOT $7::bool OR m.digitized)
   AND (NOT $8::bool OR m.rating IS NOT NULL)
   AND ($9::text[] IS NULL OR m.agency_id = ANY($9::text[]))
   AND ($10::text IS NULL OR m.level = $10::text)
   AND ($11::text IS NULL OR m.field = $11::text)
   AND ($12::text IS NULL OR m.procedure_code = $12::text)
   AND ($13::text IS NULL OR lower(c.case_id) LIKE lower(replace(replace(replace($13::text, '\', '\\'), '%', '\%'), '_', '\_')) || '%')
 ORDER BY m.time DESC, c.case_id
 LIMIT $14 OFFSET $15;
