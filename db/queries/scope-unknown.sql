-- The ids of a scope that name no agency ($1) or no ward ($2): a scope is checked before it is stored.
SELECT 'agencies' AS kind, x AS id FROM unnest($1::text[]) x WHERE NOT EXISTS (SELECT 1 FROM agencies a WHERE a.agency_id = x)
UNION ALL
SELECT 'wards' AS kind, x AS id FROM unnest($2::text[]) x WHERE NOT EXISTS (SELECT 1 FROM wards w WHERE w.code = x)
