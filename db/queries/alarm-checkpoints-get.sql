SELECT stream, (extract(epoch FROM at) * 1000)::float8 AS ms FROM alarm_checkpoints;
