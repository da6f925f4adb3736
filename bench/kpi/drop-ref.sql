DROP TABLE bench_agencies, bench_procedures, bench_procedure_slots, bench_sensors;
DROP FUNCTION bench_due(timestamptz, int), bench_due_from(date, int), bench_start_day(timestamptz), bench_office_time(date, float8), bench_office_snap(timestamptz, float8),
  bench_next_working_day(date);
