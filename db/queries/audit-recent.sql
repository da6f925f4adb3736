SELECT audit_id, at, actor, action, target, ip, detail FROM audit_log ORDER BY at DESC, audit_id DESC LIMIT $1
