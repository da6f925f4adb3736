-- The silence limit changed (CAMERA_OFFLINE_AFTER_S): every stored hour is wrong, start over with $1.
WITH hours AS (DELETE FROM camera_uptime_1h RETURNING 1), stale AS (DELETE FROM camera_uptime_stale RETURNING 1)
UPDATE camera_uptime_rollup SET upto = '-infinity', silence_s = $1::float8
RETURNING (SELECT count(*) FROM hours)::int AS rows;
