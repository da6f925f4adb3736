-- A dossier code to search for: the first dossier received at or after $1 (mid-year).
SELECT case_id FROM case_milestones WHERE milestone = 'received' AND time >= $1::timestamptz ORDER BY time, case_id LIMIT 1;
