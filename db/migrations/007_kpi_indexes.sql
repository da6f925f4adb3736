-- Code search in the KPI drill-down lists (a dossier or document number, or its first characters,
-- in any case). The queries match lower(code) LIKE lower(prefix) || '%' — what ILIKE computes in a
-- UTF-8 database — which these indexes serve; ILIKE can use no index, so looking up one dossier in
-- a year's list read every milestone of the year (measured by `npm run bench:kpi`).
CREATE INDEX cases_code_prefix_idx ON cases (lower(case_id) text_pattern_ops);
CREATE INDEX documents_code_prefix_idx ON documents (lower(doc_id) text_pattern_ops);
