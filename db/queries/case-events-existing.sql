-- Which of these (case_id, event, time) keys are already stored: the import and the HTTP connector
-- tell new events from ones delivered before. $4/$5 bound the time so hypertable chunks are excluded.
SELECT e.case_id AS id, e.event, (extract(epoch FROM e.time) * 1000)::float8 AS ms
  FROM case_events e
  JOIN unnest($1::text[], $2::text[], $3::timestamptz[]) AS k(case_id, event, time)
    ON e.case_id = k.case_id AND e.event = k.event AND e.time = k.time
 WHERE e.time >= $4::timestamptz AND e.time <= $5::timestamptz;
