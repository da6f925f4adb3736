-- The agencies a scope covers: those named ($1), and those sitting in a ward named ($2) — commune
-- people's committees. Cases, documents and tasks carry an agency, not a ward of their own.
SELECT agency_id FROM agencies
 WHERE agency_id = ANY($1::text[]) OR ward_code = ANY($2::text[])
 ORDER BY agency_id
