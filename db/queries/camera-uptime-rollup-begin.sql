-- The watermark, locked until the refresh commits: every status write takes it FOR SHARE
-- (migration 025), so writes in progress finish before the refresh reads camera_status, and later
-- ones see the new watermark and mark what they make stale.
SELECT upto, silence_s FROM camera_uptime_rollup FOR UPDATE;
