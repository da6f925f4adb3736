-- One refresh of the camera uptime rollup at a time, across every CityOps process on the
-- database; the others skip their turn. Released at the end of the transaction.
SELECT pg_try_advisory_xact_lock(hashtext('cityops.camera_uptime_rollup')) AS locked;
