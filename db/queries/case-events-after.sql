-- Dossier events of the next $2 dossiers after case id $1, in id order (the rebuild's pages).
-- The page is read as a key range of the primary key (after $1, up to the page's last id): a join
-- on the page's ids let the planner hash-join a scan of the whole table, once per page.
WITH ids AS (
  SELECT DISTINCT case_id FROM case_events WHERE case_id > $1 ORDER BY case_id LIMIT $2
)
SELECT (extract(epoch FROM e.time) * 1000)::float8 AS ms, e.case_id, e.agency_id, e.event, e.procedure_code, e.procedure_name,
       e.field, e.level, e.channel, (extract(epoch FROM e.due_at) * 1000)::float8 AS due_ms, e.online_payment, e.digitized, e.rating
  FROM case_events e
 WHERE e.case_id > $1 AND e.case_id <= (SELECT max(case_id) FROM ids)
 ORDER BY e.case_id, e.time;
