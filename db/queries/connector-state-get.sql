-- Where a connector stands (re-read when another worker moved its cursor).
SELECT cursor, (extract(epoch FROM last_success_at) * 1000)::float8 AS last_success_ms, last_error,
       pages, records_accepted, records_rejected, events_new
  FROM connector_state WHERE name = $1;
