-- What a scope can name, for the admins' form: the city's agencies and its wards, by name.
SELECT 'agency' AS kind, agency_id AS id, name_vi, name_en, ward_code FROM agencies WHERE registered
UNION ALL
SELECT 'ward' AS kind, code AS id, full_name AS name_vi, name_en, code AS ward_code FROM wards
ORDER BY kind, name_vi
