-- The members of dim $3 of one indicator over [$4, now): per member the sum of its values (for a
-- counter) and the mean of its series' last values (for a gauge or percent), named from the city's
-- agencies and wards when the member is one of their ids.
WITH series AS (
  SELECT dims_key::jsonb ->> $3 AS member, dims_key, sum(sum) AS total,
         (array_agg(latest ORDER BY latest_time DESC))[1] AS latest, max(latest_time) AS last_time
    FROM indicator_1h
   WHERE source = $1 AND key = $2 AND bucket >= $4::timestamptz AND dims_key <> '' AND dims_key::jsonb ? $3
   GROUP BY 1, 2
)
SELECT s.member, coalesce(a.name_vi, w.name, s.member) AS name, sum(s.total) AS total, avg(s.latest) AS latest, max(s.last_time) AS last_time
  FROM series s
  LEFT JOIN agencies a ON a.agency_id = s.member
  LEFT JOIN wards w ON w.code = s.member
 GROUP BY s.member, a.name_vi, w.name;
