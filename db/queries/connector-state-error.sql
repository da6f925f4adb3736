-- The connector's latest failure (source down, malformed page…), written when it changes.
UPDATE connector_state SET last_error = $2, last_error_at = now(), updated_at = now() WHERE name = $1;
