-- Document flow sums over whole local days [$1, $4), grouped by $5 (agency | urgency | day | all),
-- filtered by $6 agencies (NULL: any). Whole months [$2, $3) from the monthly rollup, partial
-- months from the daily one ($2 = $3 = $4: days only); see kpi-cases-range.sql.
WITH src AS (
  SELECT * FROM document_monthly WHERE bucket >= $2::timestamptz AND bucket < $3::timestamptz
  UNION ALL
  SELECT * FROM document_daily WHERE bucket >= $1::timestamptz AND bucket < $2::timestamptz
  UNION ALL
  SELECT * FROM document_daily WHERE bucket >= $3::timestamptz AND bucket < $4::timestamptz
), grouped AS (
  SELECT CASE $5::text WHEN 'agency' THEN agency_id WHEN 'urgency' THEN urgency ELSE '' END AS key,
         CASE WHEN $5::text = 'day' THEN bucket END AS day,
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
    FROM src
   WHERE ($6::text[] IS NULL OR agency_id = ANY($6::text[]))
   GROUP BY 1, 2
)
SELECT coalesce(to_char(day AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD'), key) AS key, incoming_registered, incoming_registered_electronic,
       incoming_processed, incoming_on_time, incoming_late, incoming_no_deadline, incoming_processing_seconds, outgoing_issued,
       outgoing_signed, outgoing_electronic
  FROM grouped
 ORDER BY 1;
