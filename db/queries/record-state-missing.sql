-- Whether events exist whose records were never folded (a database older than migration 004).
SELECT (EXISTS (SELECT 1 FROM case_events) AND NOT EXISTS (SELECT 1 FROM cases)) AS cases,
       (EXISTS (SELECT 1 FROM document_events) AND NOT EXISTS (SELECT 1 FROM documents)) AS documents;
