-- Bench-only reference tables and helpers the generators read (dropped by drop-ref.sql after the
-- load; the whole database is dropped at the end anyway).
CREATE TABLE bench_agencies (
  agency_id text PRIMARY KEY,
  level text NOT NULL,
  proc_kind text NOT NULL,        -- 'commune', or the department's own catalogue (sim/procedures.ts)
  case_weight float8 NOT NULL,    -- relative dossier volume on a working day
  doc_in_weight float8 NOT NULL,  -- relative incoming / outgoing document volume
  doc_out_weight float8 NOT NULL
);
CREATE TABLE bench_procedures (
  kind text NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  field text NOT NULL,
  days int NOT NULL,
  weight float8 NOT NULL,
  fee boolean NOT NULL
);
-- 1 000 slots per catalogue, each procedure holding a share equal to its weight: a weighted pick
-- becomes an equality join on floor(random() * 1000).
CREATE TABLE bench_procedure_slots (kind text NOT NULL, slot int NOT NULL, code text NOT NULL, PRIMARY KEY (kind, slot));
CREATE TABLE bench_sensors (device_id text PRIMARY KEY, kind text NOT NULL, metric text NOT NULL, base float8 NOT NULL, phase float8 NOT NULL);

-- The next working day (Mon–Fri) after d.
CREATE FUNCTION bench_next_working_day(d date) RETURNS date LANGUAGE sql IMMUTABLE AS
$$ SELECT d + CASE extract(isodow FROM d)::int WHEN 5 THEN 3 WHEN 6 THEN 2 ELSE 1 END $$;

-- The day a deadline is counted from: `t` itself when it arrives on a working day before 17:00
-- (local time), else the next working day.
CREATE FUNCTION bench_start_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN extract(isodow FROM (t AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) >= 6 OR (t AT TIME ZONE 'Asia/Ho_Chi_Minh')::time >= TIME '17:00'
              THEN bench_next_working_day((t AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
              ELSE (t AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END
$$;

-- A deadline `days` working days after the start day, at 17:00 (as the simulator's addWorkingDays,
-- without holidays). Single expressions, so PostgreSQL inlines them instead of calling a function.
CREATE FUNCTION bench_due_from(s date, days int) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT ((s + days + 2 * ((extract(isodow FROM s)::int - 1 + days) / 5)) + TIME '17:00') AT TIME ZONE 'Asia/Ho_Chi_Minh'
$$;
CREATE FUNCTION bench_due(t timestamptz, days int) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT bench_due_from(bench_start_day(t), days)
$$;

-- A local office-hour instant on `day` (7:30–11:30, 13:30–17:00), u uniform in [0, 1).
CREATE FUNCTION bench_office_time(day date, u float8) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT (day + TIME '07:30' + (u * 450 + CASE WHEN u * 450 >= 240 THEN 120 ELSE 0 END) * INTERVAL '1 minute') AT TIME ZONE 'Asia/Ho_Chi_Minh'
$$;

-- The same office-hour instant on the local day of `t`.
CREATE FUNCTION bench_office_snap(t timestamptz, u float8) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT bench_office_time((t AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, u)
$$;
