-- Removes milestones a fold has moved or changed (matched by document, kind and time).
DELETE FROM document_milestones m
 USING unnest($1::text[], $2::text[], $3::float8[]) AS d(doc_id, milestone, ms)
 WHERE m.doc_id = d.doc_id AND m.milestone = d.milestone AND m.time = to_timestamp(d.ms / 1000);
