-- An admin's change: each field only when given (null keeps it). A scope belongs to leaders only:
-- a role other than leader clears it ($6 agencies, $7 wards).
UPDATE users SET
  role = coalesce($2, role),
  display_name = coalesce($3, display_name),
  disabled = coalesce($4, disabled),
  locked_until = CASE WHEN $5::boolean THEN NULL ELSE locked_until END,
  failed_attempts = CASE WHEN $5::boolean THEN 0 ELSE failed_attempts END,
  scope_agencies = CASE WHEN coalesce($2, role) <> 'leader' THEN '{}' ELSE coalesce($6::text[], scope_agencies) END,
  scope_wards = CASE WHEN coalesce($2, role) <> 'leader' THEN '{}' ELSE coalesce($7::text[], scope_wards) END
WHERE user_id = $1
RETURNING user_id
