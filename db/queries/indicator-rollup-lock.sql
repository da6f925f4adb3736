-- One refresh of the plain-PostgreSQL indicator rollups at a time, across every CityOps process
-- on the database; the others skip their turn. Released at the end of the transaction.
SELECT pg_try_advisory_xact_lock(hashtext('cityops.indicator_rollups')) AS locked;
