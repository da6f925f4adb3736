-- The names of a scope's agencies ($1) and wards ($2), for the "Phạm vi: …" line and the audit.
SELECT 'agency' AS kind, agency_id AS id, name_vi, name_en FROM agencies WHERE agency_id = ANY($1::text[])
UNION ALL
SELECT 'ward' AS kind, code AS id, full_name AS name_vi, name_en FROM wards WHERE code = ANY($2::text[])
ORDER BY kind, name_vi
