-- An admin's change: each field only when given (null keeps it).
UPDATE users SET
  role = coalesce($2, role),
  display_name = coalesce($3, display_name),
  disabled = coalesce($4, disabled),
  locked_until = CASE WHEN $5::boolean THEN NULL ELSE locked_until END,
  failed_attempts = CASE WHEN $5::boolean THEN 0 ELSE failed_attempts END
WHERE user_id = $1
RETURNING user_id
