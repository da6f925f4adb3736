-- Events of types $4 in [$1, $2) by type and hour of the day in zone $3.
SELECT type, extract(hour FROM time AT TIME ZONE $3::text)::int AS hour, count(*)::int AS n
  FROM camera_events
 WHERE time >= $1::timestamptz AND time < $2::timestamptz AND type = ANY($4::text[])
 GROUP BY 1, 2;
