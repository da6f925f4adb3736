-- Baseline for a flow drill-down (kpi-drill-cases.sql): the same page from the raw events through
-- the read-model view v_cases, without the record and milestone tables. $1 'received' | 'resolved',
-- $2/$3 range, $4 late only, $5 agencies, $6 code prefix, $7 limit, $8 offset.
SELECT v.case_id, v.agency_id, a.name_vi AS agency_vi, v.procedure_code, v.field, v.level, v.channel, v.received_at, v.due_at,
       v.resolved_at, v.status, v.rating, v.supplement_requests,
       CASE $1::text WHEN 'received' THEN v.received_at ELSE v.resolved_at END AS milestone_at
  FROM v_cases v
  LEFT JOIN agencies a ON a.agency_id = v.agency_id
 WHERE CASE $1::text WHEN 'received' THEN v.received_at ELSE v.resolved_at END >= $2::timestamptz
   AND CASE $1::text WHEN 'received' THEN v.received_at ELSE v.resolved_at END < $3::timestamptz
   AND (NOT $4::bool OR v.resolved_at > v.due_at)
   AND ($5::text[] IS NULL OR v.agency_id = ANY($5::text[]))
   AND ($6::text IS NULL OR v.case_id ILIKE replace(replace($6::text, '%', ''), '_', '\_') || '%')
 ORDER BY milestone_at DESC, v.case_id
 LIMIT $7 OFFSET $8;
