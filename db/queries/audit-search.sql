-- One page of the audit trail (v_audit_trail, migration 024), newest first, after the keyset cursor
-- ($8 µs since epoch, $9 source, $10 id) of the page before, $11 rows. Every filter is optional
-- (NULL: none): $1, $2 time range [from, to); $3 actor (exact); $4 actions; $5 a part of the target
-- (any case; LIKE's wildcards in it are escaped, so `%` is a percent sign); $6 the start of the
-- client address; $7 a part of the detail as JSON text (any case). Values are parameters, never
-- spliced into the text: a filter value is only ever compared.
-- at_us is the exact time, for the next cursor (a JS date keeps milliseconds only).
SELECT source, id, at, actor, action, target, ip, detail,
       ((extract(epoch FROM at) * 1000000)::numeric(20, 0))::text AS at_us
  FROM v_audit_trail
 WHERE ($1::timestamptz IS NULL OR at >= $1::timestamptz)
   AND ($2::timestamptz IS NULL OR at < $2::timestamptz)
   AND ($3::text IS NULL OR actor = $3::text)
   AND ($4::text[] IS NULL OR action = ANY($4::text[]))
   AND ($5::text IS NULL OR target ILIKE '%' || replace(replace(replace($5::text, '\', '\\'), '%', '\%'), '_', '\_') || '%')
   AND ($6::text IS NULL OR starts_with(lower(ip), $6::text))
   AND ($7::text IS NULL OR strpos(lower(detail::text), lower($7::text)) > 0)
   AND ($8::bigint IS NULL OR (at, source, id) < (timestamptz 'epoch' + $8::bigint * interval '1 microsecond', $9::text, $10::bigint))
 ORDER BY at DESC, source DESC, id DESC
 LIMIT $11;
