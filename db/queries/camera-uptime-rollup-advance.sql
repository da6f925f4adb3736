-- Moves the watermark: every hour before $1 is stored, computed with the silence limit $2.
UPDATE camera_uptime_rollup SET upto = $1::timestamptz, silence_s = $2::float8;
