-- Removes milestones a fold has moved or changed (matched by dossier, kind and time).
DELETE FROM case_milestones m
 USING unnest($1::text[], $2::text[], $3::float8[]) AS d(case_id, milestone, ms)
 WHERE m.case_id = d.case_id AND m.milestone = d.milestone AND m.time = to_timestamp(d.ms / 1000);
