-- One more failure; the $2-th in a row locks the account until now() + $3 seconds (and starts over).
UPDATE users SET
  failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
  locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
WHERE user_id = $1
RETURNING locked_until
