-- The open alarms for the live `alarms` channel, the most severe and newest first, with their
-- subject's display name (a device's name — for a camera, the operator's name for it if one was
-- set: camera_registry — the camera of a camera event, an agency's name).
SELECT a.alarm_id, a.rule_id, a.severity, a.state, a.raised_at, a.value, a.acked_by, a.ack_note, a.subject, a.detail,
       coalesce(dr.name, d.name, cr.name, c.name, g.name_vi, split_part(a.subject, ':', 2)) AS title,
       coalesce(a.detail ->> 'cameraId', CASE WHEN a.subject LIKE 'camera:%' THEN split_part(a.subject, ':', 2) END) AS camera_id
  FROM alarms a
  LEFT JOIN devices d ON (a.subject = 'sensor:' || d.device_id AND d.device_type = 'sensor') OR (a.subject = 'camera:' || d.device_id AND d.device_type = 'camera')
  LEFT JOIN devices c ON c.device_type = 'camera' AND c.device_id = a.detail ->> 'cameraId'
  LEFT JOIN camera_registry dr ON d.device_type = 'camera' AND dr.camera_id = d.device_id
  LEFT JOIN camera_registry cr ON cr.camera_id = c.device_id
  LEFT JOIN agencies g ON a.subject = 'agency:' || g.agency_id
 WHERE a.state <> 'cleared'
 ORDER BY a.severity DESC, a.raised_at DESC
 LIMIT $1;
