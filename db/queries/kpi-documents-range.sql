-- Document flow sums over whole local days [$1, $2), grouped by $3 (agency | urgency | day | all),
-- filtered by $4 agencies (NULL: any).
SELECT CASE $3::text WHEN 'agency' THEN agency_id WHEN 'urgency' THEN urgency
                     WHEN 'day' THEN to_char(bucket AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') ELSE '' END AS key,
       sum(registered) FILTER (WHERE direction = 'incoming') AS incoming_registered,
       sum(registered_e_exchange) FILTER (WHERE direction = 'incoming') AS incoming_registered_electronic,
       sum(processed) FILTER (WHERE direction = 'incoming') AS incoming_processed,
       sum(processed_on_time) FILTER (WHERE direction = 'incoming') AS incoming_on_time,
       sum(processed_late) FILTER (WHERE direction = 'incoming') AS incoming_late,
       sum(processed_no_deadline) FILTER (WHERE direction = 'incoming') AS incoming_no_deadline,
       sum(processing_seconds_sum) FILTER (WHERE direction = 'incoming') AS incoming_processing_seconds,
       sum(processed) FILTER (WHERE direction = 'outgoing') AS outgoing_issued,
       sum(processed_signed) FILTER (WHERE direction = 'outgoing') AS outgoing_signed,
       sum(processed_e_exchange) FILTER (WHERE direction = 'outgoing') AS outgoing_electronic
  FROM document_daily
 WHERE bucket >= $1::timestamptz AND bucket < $2::timestamptz
   AND ($4::text[] IS NULL OR agency_id = ANY($4::text[]))
 GROUP BY 1
 ORDER BY 1;
