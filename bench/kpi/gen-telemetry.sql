-- One reading a minute per bench sensor over the $2 days up to $1 (now), in time order: a daily
-- cycle (traffic hours for PM2.5 and noise, tides for water level) plus noise.
INSERT INTO telemetry (time, device_id, metric, value)
SELECT t, s.device_id, s.metric,
       round((s.base * (1 + 0.35 * sin(2 * pi() * extract(epoch FROM t) / CASE s.kind WHEN 'water' THEN 44700 ELSE 86400 END + s.phase))
              + s.base * 0.15 * (random() - 0.5))::numeric, 1)::float8
  FROM generate_series(date_trunc('minute', $1::timestamptz) - ($2::int * INTERVAL '1 day') + INTERVAL '1 minute',
                       date_trunc('minute', $1::timestamptz), INTERVAL '1 minute') t
 CROSS JOIN bench_sensors s;
