-- One indicator's hourly points over [$3, now): the sum of its values over every series, their
-- mean, and the sum of each series' last value in the hour.
SELECT bucket, sum(sum) AS sum, sum(sum) / sum(samples) AS avg, sum(latest) AS latest
  FROM indicator_1h
 WHERE source = $1 AND key = $2 AND bucket >= $3::timestamptz
 GROUP BY bucket
 ORDER BY bucket;
