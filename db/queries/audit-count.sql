-- How many rows of the audit trail match the filters of audit-search.sql ($1 … $7, the same meaning).
SELECT count(*) AS total
  FROM v_audit_trail
 WHERE ($1::timestamptz IS NULL OR at >= $1::timestamptz)
   AND ($2::timestamptz IS NULL OR at < $2::timestamptz)
   AND ($3::text IS NULL OR actor = $3::text)
   AND ($4::text[] IS NULL OR action = ANY($4::text[]))
   AND ($5::text IS NULL OR target ILIKE '%' || replace(replace(replace($5::text, '\', '\\'), '%', '\%'), '_', '\_') || '%')
   AND ($6::text IS NULL OR starts_with(lower(ip), $6::text))
   AND ($7::text IS NULL OR strpos(lower(detail::text), lower($7::text)) > 0);
