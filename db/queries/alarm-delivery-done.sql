UPDATE alarm_deliveries SET delivered_at = $2::timestamptz, attempts = attempts + 1, last_error = NULL WHERE delivery_id = $1;
