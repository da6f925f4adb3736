-- Independent document sums from the read-model view v_documents (see kpi-oracle-cases.sql).
-- $1/$2: range [from, to), $3: now, $4: grouping ('agency' | 'all').
WITH d AS (
  SELECT *,
         registered_at >= $1::timestamptz AND registered_at < $2::timestamptz AS reg,
         processed_at >= $1::timestamptz AND processed_at < $2::timestamptz AS done
    FROM v_documents
)
SELECT CASE $4::text WHEN 'agency' THEN agency_id ELSE '' END AS key,
       count(*) FILTER (WHERE direction = 'incoming' AND reg) AS incoming_registered,
       count(*) FILTER (WHERE direction = 'incoming' AND reg AND e_exchange) AS incoming_registered_electronic,
       count(*) FILTER (WHERE direction = 'incoming' AND done) AS incoming_processed,
       count(*) FILTER (WHERE direction = 'incoming' AND done AND processed_at <= due_at) AS incoming_on_time,
       count(*) FILTER (WHERE direction = 'incoming' AND done AND processed_at > due_at) AS incoming_late,
       count(*) FILTER (WHERE direction = 'incoming' AND done AND due_at IS NULL) AS incoming_no_deadline,
       coalesce(sum(greatest(0, extract(epoch FROM processed_at - registered_at))) FILTER (WHERE direction = 'incoming' AND done), 0) AS incoming_processing_seconds,
       count(*) FILTER (WHERE direction = 'outgoing' AND done) AS outgoing_issued,
       count(*) FILTER (WHERE direction = 'outgoing' AND done AND signed) AS outgoing_signed,
       count(*) FILTER (WHERE direction = 'outgoing' AND done AND e_exchange) AS outgoing_electronic,
       count(*) FILTER (WHERE direction = 'incoming' AND processed_at IS NULL) AS incoming_open_now,
       count(*) FILTER (WHERE direction = 'incoming' AND processed_at IS NULL AND due_at < $3::timestamptz) AS incoming_overdue_now
  FROM d
 GROUP BY 1
 ORDER BY 1;
