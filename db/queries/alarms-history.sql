-- Alarms raised in [from, to), newest first, one page (limit/offset: an operator pages a day or a
-- month of alarms, not millions), with the subject's display name as in alarms-live.sql, who
-- acknowledged and cleared them, and how long each lasted (to its clear, or so far at $8).
-- $3 severity, $4 rule, $5 state ('open' = active or acknowledged): NULL means any.
SELECT a.alarm_id, a.rule_id, a.subject, a.severity, a.state, a.raised_at, a.value, a.detail,
       a.acked_at, a.acked_by, a.ack_note, a.cleared_at, a.cleared_by,
       coalesce(dr.name, d.name, cr.name, c.name, g.name_vi, split_part(a.subject, ':', 2)) AS title,
       round(extract(epoch FROM coalesce(a.cleared_at, $8::timestamptz) - a.raised_at) * 1000) AS duration_ms,
       count(*) OVER () AS total
  FROM alarms a
  LEFT JOIN devices d ON (a.subject = 'sensor:' || d.device_id AND d.device_type = 'sensor') OR (a.subject = 'camera:' || d.device_id AND d.device_type = 'camera')
  LEFT JOIN devices c ON c.device_type = 'camera' AND c.device_id = a.detail ->> 'cameraId'
  LEFT JOIN camera_registry dr ON d.device_type = 'camera' AND dr.camera_id = d.device_id
  LEFT JOIN camera_registry cr ON cr.camera_id = c.device_id
  LEFT JOIN agencies g ON a.subject = 'agency:' || g.agency_id
 WHERE a.raised_at >= $1::timestamptz AND a.raised_at < $2::timestamptz
   AND ($3::smallint IS NULL OR a.severity = $3::smallint)
   AND ($4::text IS NULL OR a.rule_id = $4::text)
   AND ($5::text IS NULL OR CASE WHEN $5::text = 'open' THEN a.state <> 'cleared' ELSE a.state = $5::text END)
 ORDER BY a.raised_at DESC, a.alarm_id DESC
 LIMIT $6 OFFSET $7;
