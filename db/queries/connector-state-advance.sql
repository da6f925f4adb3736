-- After a page's records committed: move the cursor on and count. Compare-and-set on the cursor
-- read before the page, so two workers polling one source never move it backwards.
UPDATE connector_state
   SET cursor = $3, last_success_at = now(), last_error = NULL, pages = pages + 1,
       records_accepted = records_accepted + $4, records_rejected = records_rejected + $5,
       events_new = events_new + $6, updated_at = now()
 WHERE name = $1 AND cursor IS NOT DISTINCT FROM $2;
