INSERT INTO audit_log (actor, action, target, ip, detail) VALUES ($1, $2, $3, $4, $5)
